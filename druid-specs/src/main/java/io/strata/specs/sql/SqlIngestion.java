package io.strata.specs.sql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An SQL-based (multi-stage query) ingestion: the statement and the query context to POST with it to
 * {@code /druid/v2/sql/task}.
 *
 * @param sql an {@code INSERT} or {@code REPLACE} statement
 * @param context query context parameters such as {@code finalizeAggregations}; empty if none
 */
public record SqlIngestion(String sql, Map<String, Object> context) {

    public SqlIngestion {
        Objects.requireNonNull(sql, "sql");
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }
}
