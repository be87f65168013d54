package io.strata.api.sql;

import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlNode;

/** How a query is answered: by Strata itself ({@link Local}) or by Druid ({@link Druid}). */
public sealed interface SqlPlan {

    /** Answered by {@link LocalQueries}: a catalog query, or one without tables. */
    record Local(SqlNode query, List<Integer> parameters) implements SqlPlan {
        public Local {
            parameters = List.copyOf(parameters);
        }
    }

    /**
     * Sent to Druid: the checked, rewritten SQL (every table reference wrapped with its row filter) and its
     * parameters in the order of its {@code ?}.
     *
     * @param datasets the datasets it reads, each with its columns (for the audit log and for error hints)
     */
    record Druid(String sql, List<Bound> parameters, Map<String, List<String>> datasets) implements SqlPlan {
        public Druid {
            parameters = List.copyOf(parameters);
            datasets = Map.copyOf(datasets);
        }
    }

    /**
     * A {@code ?} of Druid's SQL: the client's parameter number {@code client} (0-based), or, when {@code client}
     * is -1, a value of Strata's (a row filter's).
     */
    record Bound(int client, Object value) {

        public static Bound client(int index) {
            return new Bound(index, null);
        }

        public static Bound fixed(Object value) {
            return new Bound(-1, value);
        }

        public boolean isClient() {
            return client >= 0;
        }
    }
}
