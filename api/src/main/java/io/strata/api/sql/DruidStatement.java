package io.strata.api.sql;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One query for Druid's broker, as the SQL endpoint built it: SQL text Calcite unparsed from a checked tree, its
 * typed parameters in order, and the query context.
 *
 * @param sqlQueryId Druid's query id; carries the caller's correlation id
 * @param maxRows more rows than this fail the query (53400)
 * @param maxBytes more bytes of Druid's answer than this fail the query (53400)
 */
public record DruidStatement(
        String sql,
        List<Parameter> parameters,
        Map<String, Object> context,
        String sqlQueryId,
        long maxRows,
        long maxBytes) {

    public DruidStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(sqlQueryId, "sqlQueryId");
        parameters = List.copyOf(parameters);
        context = Map.copyOf(context);
    }

    /** A bound value with Druid's SQL type ({@code VARCHAR}, {@code BIGINT}, {@code DOUBLE}, ...); value may be null. */
    public record Parameter(String type, Object value) {
        public Parameter {
            Objects.requireNonNull(type, "type");
        }
    }
}
