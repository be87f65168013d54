package io.strata.api.analytics;

import java.util.ArrayList;
import java.util.List;

/** SQL text whose every client value is a bound parameter, built piece by piece. */
final class SqlQuery {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();
    private boolean secured;
    private String dataset;

    SqlQuery append(String sql) {
        text.append(sql);
        return this;
    }

    /**
     * Appends a placeholder bound to {@code value}, cast to the value's SQL type: Druid plans a JDBC statement when
     * it is prepared, before values are bound, and cannot infer the type of a bare {@code ?} in many places
     * ({@code IN}, {@code NULLIF}, function arguments).
     */
    SqlQuery bind(Object value) {
        String type;
        if (value instanceof String) {
            type = "VARCHAR";
        } else if (value instanceof Long || value instanceof Integer) {
            type = "BIGINT";
        } else if (value instanceof Double || value instanceof Float) {
            type = "DOUBLE";
        } else {
            throw new IllegalArgumentException(
                    "cannot bind " + (value == null ? "null" : value.getClass().getName()));
        }
        text.append("CAST(? AS ").append(type).append(')');
        parameters.add(
                value instanceof Integer i ? Long.valueOf(i) : value instanceof Float f ? f.doubleValue() : value);
        return this;
    }

    /**
     * Appends {@code LIMIT n}. The only number written into the text: LIMIT takes no expression, and {@code n} is an
     * int the caller checked against the configured limits, never client text.
     */
    SqlQuery limit(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("limit must be positive: " + n);
        }
        text.append(" LIMIT ").append(n);
        return this;
    }

    /** Appends an identifier, quoted; callers pass only names checked against the dataset's schema. */
    SqlQuery identifier(String name) {
        text.append('"').append(name.replace("\"", "\"\"")).append('"');
        return this;
    }

    /**
     * Appends a dataset's name, quoted. Only {@link Predicates#from} calls it, right before the row-level filter; the
     * query is then marked as secured, which {@link DruidQuery#of} requires.
     */
    SqlQuery table(String dataset) {
        identifier(dataset);
        secured = true;
        this.dataset = this.dataset == null ? dataset : this.dataset;
        return this;
    }

    /** The dataset the query reads (the first it names), or null. */
    String dataset() {
        return dataset;
    }

    /** Whether the query names its dataset through {@link Predicates#from}, row-level filter included. */
    boolean secured() {
        return secured;
    }

    String text() {
        return text.toString();
    }

    List<Object> parameters() {
        return List.copyOf(parameters);
    }
}
