package io.strata.api.sql.catalog;

import io.strata.api.sql.PgText;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/** Comparison, truth and text of the local engine's values, with PostgreSQL's coercions of literals. */
final class Values {

    private Values() {}

    /** An oid shown by name: {@code regclass}, {@code regtype}, {@code regnamespace} values. */
    record Reg(long oid, String name) {}

    /** Three-valued truth: true, false, or null (unknown). */
    static Boolean truth(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "t", "true", "yes", "on", "1", "y" -> true;
                case "f", "false", "no", "off", "0", "n" -> false;
                default -> throw invalid("boolean", s);
            };
        }
        if (value instanceof Number n) {
            return n.longValue() != 0;
        }
        throw invalid("boolean", String.valueOf(value));
    }

    static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(truth(value));
    }

    /** Whether two values are equal; null when either is null. */
    static Boolean equal(Object a, Object b) {
        Integer c = compare(a, b);
        return c == null ? null : c == 0;
    }

    /** The order of two values (negative, zero, positive); null when either is null. */
    static Integer compare(Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Reg ra) {
            return b instanceof String s && !isNumber(s) ? ra.name().compareTo(s) : compare(ra.oid(), b);
        }
        if (b instanceof Reg rb) {
            Integer c = compare(rb, a);
            return c == null ? null : -c;
        }
        if (a instanceof Number || b instanceof Number) {
            Number x = number(a);
            Number y = number(b);
            if (x instanceof Long lx && y instanceof Long ly) {
                return Long.compare(lx, ly);
            }
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            return Boolean.compare(truth(a), truth(b));
        }
        if (a instanceof OffsetDateTime ta && b instanceof OffsetDateTime tb) {
            return ta.compareTo(tb);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
                Integer c = compare(la.get(i), lb.get(i));
                if (c == null || c != 0) {
                    return c;
                }
            }
            return Integer.compare(la.size(), lb.size());
        }
        if (a instanceof List<?> la) {
            return compare(la, array(text(b)));
        }
        if (b instanceof List<?> lb) {
            return compare(array(text(a)), lb);
        }
        return text(a).compareTo(text(b));
    }

    /** A number from a number or a numeric literal's text. */
    static Number number(Object value) {
        if (value instanceof Reg reg) {
            return reg.oid();
        }
        if (value instanceof Number n) {
            return n instanceof Integer || n instanceof Short ? n.longValue() : n;
        }
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        String s = text(value).trim();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException notLong) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException notDouble) {
                throw invalid("numeric", s);
            }
        }
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A value as PostgreSQL casts it to text. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof Reg reg) {
            return reg.name();
        }
        if (value instanceof Double d) {
            return PgText.float8(d);
        }
        if (value instanceof List<?> list) {
            return PgText.array(list);
        }
        if (value instanceof OffsetDateTime time) {
            return PgText.timestamptz(time);
        }
        return value.toString();
    }

    /** An array literal's elements ({@code '{a,b}'}); simple elements only, which is what catalog queries use. */
    static List<Object> array(String literal) {
        String s = literal.trim();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw invalid("array", literal);
        }
        String inner = s.substring(1, s.length() - 1).trim();
        if (inner.isEmpty()) {
            return List.of();
        }
        java.util.ArrayList<Object> elements = new java.util.ArrayList<>();
        for (String element : inner.split(",")) {
            String e = element.trim();
            if (e.startsWith("\"") && e.endsWith("\"") && e.length() > 1) {
                e = e.substring(1, e.length() - 1);
            }
            elements.add(e.equalsIgnoreCase("NULL") ? null : e);
        }
        return elements;
    }

    static SqlException invalid(String type, String text) {
        return new SqlException(
                SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type " + type + ": \"" + text + "\"");
    }
}
