package io.strata.api.analytics;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Druid SQL statement: text with {@code ?} placeholders, the values bound to them in order, and query context
 * parameters (e.g. {@code useApproximateTopN}) added to the ones every query carries; and the dataset it reads, so
 * that an error names it (null for Druid's catalogs).
 */
public record DruidQuery(String sql, List<Object> parameters, Map<String, Object> context, String dataset) {

    /** A query over no dataset of Strata's (Druid's catalogs). */
    public DruidQuery(String sql, List<Object> parameters, Map<String, Object> context) {
        this(sql, parameters, context, null);
    }

    public DruidQuery {
        Objects.requireNonNull(sql, "sql");
        parameters = List.copyOf(parameters);
        context = Map.copyOf(context);
    }

    /** The query {@code sql} built; refused unless it named its dataset with its row-level filter. */
    public static DruidQuery of(SqlQuery sql) {
        if (!sql.secured()) {
            throw new IllegalStateException("a query over a dataset must name it with Predicates.from, which applies "
                    + "the caller's row-level filter");
        }
        return new DruidQuery(sql.text(), sql.parameters(), Map.of(), sql.dataset());
    }

    public DruidQuery withContext(String key, Object value) {
        Map<String, Object> more = new java.util.HashMap<>(context);
        more.put(key, value);
        return new DruidQuery(sql, parameters, more, dataset);
    }
}
