package io.strata.api.sql.catalog;

import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The local engine's string, comparison and math functions, as PostgreSQL defines them (NULL in, NULL out). */
final class Strings {

    private Strings() {}

    static Object call(String name, List<Object> a) {
        switch (name) {
            case "coalesce":
                for (Object v : a) {
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            case "nullif":
                return Boolean.TRUE.equals(Values.equal(a.get(0), a.get(1))) ? null : a.get(0);
            case "greatest", "least": {
                Object best = null;
                for (Object v : a) {
                    if (v == null) {
                        continue;
                    }
                    if (best == null) {
                        best = v;
                        continue;
                    }
                    int c = Values.compare(v, best);
                    if (name.equals("greatest") ? c > 0 : c < 0) {
                        best = v;
                    }
                }
                return best;
            }
            case "concat": {
                StringBuilder s = new StringBuilder();
                for (Object v : a) {
                    if (v != null) {
                        s.append(Values.text(v));
                    }
                }
                return s.toString();
            }
            case "concat_ws": {
                String separator = Values.text(a.get(0));
                if (separator == null) {
                    return null;
                }
                StringBuilder s = new StringBuilder();
                for (Object v : a.subList(1, a.size())) {
                    if (v != null) {
                        s.append(s.length() == 0 ? "" : separator).append(Values.text(v));
                    }
                }
                return s.toString();
            }
            default:
                break;
        }
        for (Object v : a) {
            if (v == null) {
                return null;
            }
        }
        switch (name) {
            case "lower":
                return text(a, 0).toLowerCase(Locale.ROOT);
            case "upper":
                return text(a, 0).toUpperCase(Locale.ROOT);
            case "length", "char_length", "character_length":
                return (long) text(a, 0).codePointCount(0, text(a, 0).length());
            case "octet_length":
                return (long) text(a, 0).getBytes(StandardCharsets.UTF_8).length;
            case "substr", "substring": {
                String s = text(a, 0);
                int from = (int) integer(a, 1);
                int count = a.size() > 2 ? (int) integer(a, 2) : Integer.MAX_VALUE / 2;
                int start = Math.max(from, 1) - 1;
                int end = (int) Math.min((long) from - 1 + count, s.length());
                return start >= s.length() || end <= start ? "" : s.substring(start, end);
            }
            case "replace":
                return text(a, 0).replace(text(a, 1), text(a, 2));
            case "btrim":
                return strip(text(a, 0), a.size() > 1 ? text(a, 1) : " ", true, true);
            case "ltrim":
                return strip(text(a, 0), a.size() > 1 ? text(a, 1) : " ", true, false);
            case "rtrim":
                return strip(text(a, 0), a.size() > 1 ? text(a, 1) : " ", false, true);
            case "left": {
                String s = text(a, 0);
                int n = (int) integer(a, 1);
                return n >= 0 ? s.substring(0, Math.min(n, s.length())) : s.substring(0, Math.max(0, s.length() + n));
            }
            case "right": {
                String s = text(a, 0);
                int n = (int) integer(a, 1);
                return n >= 0 ? s.substring(Math.max(0, s.length() - n)) : s.substring(Math.min(s.length(), -n));
            }
            case "strpos":
                return (long) text(a, 0).indexOf(text(a, 1)) + 1;
            case "split_part": {
                String[] parts = text(a, 0).split(java.util.regex.Pattern.quote(text(a, 1)), -1);
                int n = (int) integer(a, 2);
                return n >= 1 && n <= parts.length ? parts[n - 1] : "";
            }
            case "lpad", "rpad": {
                String s = text(a, 0);
                int n = (int) integer(a, 1);
                String fill = a.size() > 2 ? text(a, 2) : " ";
                if (s.length() >= n) {
                    return s.substring(0, n);
                }
                StringBuilder pad = new StringBuilder();
                while (!fill.isEmpty() && pad.length() < n - s.length()) {
                    pad.append(fill);
                }
                pad.setLength(n - s.length());
                return name.equals("lpad") ? pad + s : s + pad;
            }
            case "repeat":
                return text(a, 0).repeat((int) Math.max(0, integer(a, 1)));
            case "starts_with":
                return text(a, 0).startsWith(text(a, 1));
            case "abs": {
                Number n = Values.number(a.get(0));
                return n instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs(n.doubleValue());
            }
            case "round": {
                Number n = Values.number(a.get(0));
                if (a.size() > 1) {
                    return java.math.BigDecimal.valueOf(n.doubleValue())
                            .setScale((int) integer(a, 1), java.math.RoundingMode.HALF_UP)
                            .doubleValue();
                }
                return n instanceof Long ? n : (Object) (double) Math.round(n.doubleValue());
            }
            case "floor": {
                Number n = Values.number(a.get(0));
                return n instanceof Long ? n : (Object) Math.floor(n.doubleValue());
            }
            case "ceil", "ceiling": {
                Number n = Values.number(a.get(0));
                return n instanceof Long ? n : (Object) Math.ceil(n.doubleValue());
            }
            case "mod":
                return integer(a, 0) % integer(a, 1);
            case "power":
                return Math.pow(
                        Values.number(a.get(0)).doubleValue(),
                        Values.number(a.get(1)).doubleValue());
            case "sqrt":
                return Math.sqrt(Values.number(a.get(0)).doubleValue());
            default:
                throw new SqlException(
                        SqlState.UNDEFINED_FUNCTION,
                        "function " + name + "() does not exist",
                        "catalog queries answered by Strata support PostgreSQL's common catalog, string and math "
                                + "functions");
        }
    }

    private static String text(List<Object> a, int i) {
        return Values.text(a.get(i));
    }

    private static long integer(List<Object> a, int i) {
        return Values.number(a.get(i)).longValue();
    }

    private static String strip(String s, String characters, boolean leading, boolean trailing) {
        int start = 0;
        int end = s.length();
        while (leading && start < end && characters.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (trailing && end > start && characters.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }
}
