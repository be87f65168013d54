package io.strata.api.sql;

import io.strata.api.security.SecurityScope;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import reactor.core.publisher.Flux;

/**
 * Queries answered by Strata itself, without Druid: the catalog relations drivers and tools read
 * ({@code pg_catalog}, {@code information_schema}, Druid's {@code INFORMATION_SCHEMA}), listing exactly the datasets the
 * caller may read, and queries without tables that only use functions answered locally ({@code SELECT version()}).
 */
public interface LocalQueries {

    /** Whether {@code names} (a table reference, as parsed) names a catalog relation of the dialect. */
    boolean isCatalogRelation(Dialect dialect, List<String> names);

    /** Whether a query without tables can be answered locally (it uses no function only Druid knows). */
    boolean answersLocally(SqlNode query);

    /**
     * Runs a query over the catalog relations, as {@code caller} sees them.
     *
     * @param parameters the query's {@code ?} values in order
     * @return the header, then the rows; errors are {@link SqlException}s
     */
    Flux<ResultPart> run(
            SqlNode query, Dialect dialect, SecurityScope caller, SessionView session, List<Object> parameters);
}
