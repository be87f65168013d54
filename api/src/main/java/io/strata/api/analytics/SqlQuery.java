package io.strata.api.analytics;

import java.util.ArrayList;
import java.util.List;

/** SQL text whose every client value is a bound parameter, built piece by piece. */
final class SqlQuery {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    SqlQuery append(String sql) {
        text.append(sql);
        return this;
    }

    /** Appends a placeholder bound to {@code value}. */
    SqlQuery bind(Object value) {
        text.append('?');
        parameters.add(value);
        return this;
    }

    /** Appends an identifier, quoted; callers pass only names checked against the dataset's schema. */
    SqlQuery identifier(String name) {
        text.append('"').append(name.replace("\"", "\"\"")).append('"');
        return this;
    }

    String text() {
        return text.toString();
    }

    List<Object> parameters() {
        return List.copyOf(parameters);
    }
}
