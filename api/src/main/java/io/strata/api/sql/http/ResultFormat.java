package io.strata.api.sql.http;

import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.util.Locale;

/** Druid's result formats, as its SQL HTTP API names them. */
enum ResultFormat {
    OBJECT("object", "application/json"),
    ARRAY("array", "application/json"),
    OBJECT_LINES("objectLines", "application/json"),
    ARRAY_LINES("arrayLines", "application/json"),
    CSV("csv", "text/csv");

    private final String name;
    private final String contentType;

    ResultFormat(String name, String contentType) {
        this.name = name;
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** Whether rows are lines, closed by a blank line (Druid's trailer), rather than one JSON array. */
    boolean lines() {
        return this == OBJECT_LINES || this == ARRAY_LINES || this == CSV;
    }

    static ResultFormat of(String name) {
        for (ResultFormat format : values()) {
            if (format.name.equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new SqlException(
                SqlState.INVALID_PARAMETER_VALUE,
                "resultFormat \"" + name + "\" is not one of object, array, objectLines, arrayLines, csv");
    }

    @Override
    public String toString() {
        return name.toLowerCase(Locale.ROOT);
    }
}
