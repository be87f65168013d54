package io.strata.api.sql.http;

import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * A request of Druid's SQL HTTP API ({@code POST /druid/v2/sql}): the query, its typed parameters, the result
 * format and headers, and query context limited to keys that change how a query runs, not what it may read.
 */
record DruidSqlRequest(
        String query,
        List<Object> parameters,
        ResultFormat format,
        boolean header,
        boolean typesHeader,
        boolean sqlTypesHeader,
        Map<String, Object> context) {

    /** Context keys a client may set; the others (and Strata's own: sqlQueryId is taken as a correlation id) are refused. */
    static final Set<String> SAFE_CONTEXT = new TreeSet<>(Set.of(
            "sqlQueryId",
            "sqlTimeZone",
            "timeout",
            "useApproximateCountDistinct",
            "useApproximateTopN",
            "useCache",
            "populateCache",
            "useResultLevelCache",
            "populateResultLevelCache",
            "enableTimeBoundaryPlanning",
            "priority"));

    static DruidSqlRequest of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("the body must be a JSON object with a \"query\"");
        }
        JsonNode query = body.path("query");
        if (!query.isString() || query.asString().isBlank()) {
            throw invalid("\"query\" must be the SQL text");
        }
        ResultFormat format = ResultFormat.of(body.path("resultFormat").asString("object"));
        boolean header = body.path("header").asBoolean(false);
        boolean typesHeader = body.path("typesHeader").asBoolean(false);
        boolean sqlTypesHeader = body.path("sqlTypesHeader").asBoolean(false);
        if ((typesHeader || sqlTypesHeader) && !header) {
            throw invalid("typesHeader and sqlTypesHeader need \"header\": true");
        }
        List<Object> parameters = new ArrayList<>();
        int n = 0;
        for (JsonNode parameter : body.path("parameters")) {
            parameters.add(parameter(parameter, ++n));
        }
        Map<String, Object> context = new java.util.LinkedHashMap<>();
        JsonNode given = body.path("context");
        if (!given.isMissingNode() && !given.isNull()) {
            for (Map.Entry<String, JsonNode> entry : given.properties()) {
                if (!SAFE_CONTEXT.contains(entry.getKey())) {
                    throw invalid("query context key \"" + entry.getKey() + "\" is not allowed through Strata; the "
                            + "allowed keys are " + SAFE_CONTEXT);
                }
                JsonNode value = entry.getValue();
                context.put(
                        entry.getKey(),
                        value.isNumber()
                                ? value.numberValue()
                                : value.isBoolean() ? value.asBoolean() : value.asString());
            }
        }
        return new DruidSqlRequest(query.asString(), parameters, format, header, typesHeader, sqlTypesHeader, context);
    }

    /** A {@code {"type": "BIGINT", "value": 3}} parameter as the engine's value. */
    private static Object parameter(JsonNode parameter, int number) {
        String type = parameter.path("type").asString("").toUpperCase(Locale.ROOT);
        JsonNode value = parameter.path("value");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return switch (type) {
                case "BIGINT", "INTEGER", "SMALLINT", "TINYINT" -> value.isNumber()
                        ? value.asLong()
                        : Long.parseLong(value.asString().trim());
                case "DOUBLE", "FLOAT", "REAL", "DECIMAL" -> value.isNumber()
                        ? value.asDouble()
                        : Double.parseDouble(value.asString().trim());
                case "BOOLEAN" -> value.isBoolean() ? value.asBoolean() : Boolean.parseBoolean(value.asString());
                case "TIMESTAMP" -> value.isNumber()
                        ? java.time.Instant.ofEpochMilli(value.asLong())
                        : java.time.OffsetDateTime.parse(value.asString().trim().replace(' ', 'T')
                                + (value.asString().matches(".*([zZ]|[+-]\\d\\d:\\d\\d)$") ? "" : "Z"));
                case "DATE" -> LocalDate.parse(value.asString().trim().substring(0, 10));
                case "VARCHAR", "CHAR" -> value.asString();
                default -> throw invalid("parameter " + number + " has type \"" + type + "\"; use VARCHAR, BIGINT, "
                        + "INTEGER, DOUBLE, FLOAT, BOOLEAN, TIMESTAMP or DATE");
            };
        } catch (SqlException e) {
            throw e;
        } catch (RuntimeException e) {
            throw invalid("parameter " + number + " is not a valid " + type + ": " + value);
        }
    }

    private static SqlException invalid(String message) {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE, message);
    }
}
