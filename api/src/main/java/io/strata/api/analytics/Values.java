package io.strata.api.analytics;

import java.time.Instant;

/** Converts what Druid's JDBC driver returns into what GraphQL answers carry. */
final class Values {

    private Values() {}

    static Double number(Object value) {
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return Double.isNaN(d) ? null : d;
        }
        return null;
    }

    /** A dimension value as text: strings as they are, numbers without a spurious ".0", times as ISO-8601. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (value instanceof Float f && f == Math.rint(f) && Math.abs(f) < 1e7) {
            return Long.toString(f.longValue());
        }
        return value.toString();
    }

    static Instant millis(Object value) {
        return Instant.ofEpochMilli(((Number) value).longValue());
    }
}
