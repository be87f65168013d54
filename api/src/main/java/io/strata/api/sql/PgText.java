package io.strata.api.sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * Values in PostgreSQL's text format, as its output functions write them (DateStyle ISO, extra_float_digits 1):
 * {@code t}/{@code f}, shortest exact floats ({@code 1e+15}, {@code 0.0001}), {@code 2024-03-01 00:00:00+00}, arrays
 * as {@code {a,"b c",NULL}}.
 */
public final class PgText {

    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
            .toFormatter(Locale.ROOT);

    private PgText() {}

    /** A value of a column of {@code type} as text; null for SQL NULL. */
    public static String of(Object value, PgType type) {
        if (value == null) {
            return null;
        }
        switch (type) {
            case BOOL:
                return value instanceof Boolean b ? (b ? "t" : "f") : truthText(value);
            case FLOAT8:
                return value instanceof Number n ? float8(n.doubleValue()) : value.toString();
            case FLOAT4:
                return value instanceof Number n ? float4(n.floatValue()) : value.toString();
            case INT8, INT4, INT2, OID:
                return value instanceof Double d ? Long.toString(Math.round(d)) : value.toString();
            case TIMESTAMPTZ:
                return value instanceof OffsetDateTime t ? timestamptz(t) : druidTimestamp(value.toString());
            case TIMESTAMP:
                return value instanceof OffsetDateTime t ? TIMESTAMP.format(t) : druidTimestamp(value.toString());
            case DATE:
                return value instanceof LocalDate d ? d.toString() : druidDate(value.toString());
            default:
                if (value instanceof List<?> list) {
                    return array(list);
                }
                if (value instanceof Boolean b) {
                    return b ? "t" : "f";
                }
                if (value instanceof Double d) {
                    return float8(d);
                }
                if (value instanceof OffsetDateTime t) {
                    return timestamptz(t);
                }
                return value.toString();
        }
    }

    private static String truthText(Object value) {
        String s = value.toString().toLowerCase(Locale.ROOT);
        return s.equals("true") || s.equals("t") || s.equals("1") ? "t" : "f";
    }

    /** A double as PostgreSQL's float8out writes it: the shortest digits that read back exactly. */
    public static String float8(double d) {
        String java = Double.toString(d);
        // Java writes plain digits for magnitudes in [1e-3, 1e7), where PostgreSQL does too: only ".0" differs.
        if (java.indexOf('E') < 0 && !java.equals("-0.0")) {
            return java.endsWith(".0") ? java.substring(0, java.length() - 2) : java;
        }
        return shortest(d, java, 15);
    }

    /** A float as float4out writes it. */
    public static String float4(float f) {
        return shortest(f, Float.toString(f), 6);
    }

    private static String shortest(double d, String javaText, int maxExponent) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal decimal = new BigDecimal(javaText).stripTrailingZeros();
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String sign = decimal.signum() < 0 ? "-" : "";
        if (exponent < -4 || exponent >= maxExponent) {
            StringBuilder s = new StringBuilder(sign).append(digits.charAt(0));
            if (digits.length() > 1) {
                s.append('.').append(digits, 1, digits.length());
            }
            int e = Math.abs(exponent);
            s.append('e')
                    .append(exponent < 0 ? '-' : '+')
                    .append(e < 10 ? "0" : "")
                    .append(e);
            return s.toString();
        }
        return decimal.toPlainString();
    }

    public static String timestamptz(OffsetDateTime time) {
        return TIMESTAMP.format(time) + offset(time.getOffset());
    }

    private static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        int hours = Math.abs(seconds) / 3600;
        int minutes = Math.abs(seconds) % 3600 / 60;
        StringBuilder s = new StringBuilder(seconds < 0 ? "-" : "+");
        s.append(hours < 10 ? "0" : "").append(hours);
        if (minutes != 0) {
            s.append(':').append(minutes < 10 ? "0" : "").append(minutes);
        }
        return s.toString();
    }

    /**
     * Druid's timestamp text ({@code 2024-03-01T00:00:00.000Z}, {@code ...+01:00}) as PostgreSQL's
     * ({@code 2024-03-01 00:00:00+00}); text of another shape is parsed.
     */
    public static String druidTimestamp(String iso) {
        int length = iso.length();
        if (length >= 24 && iso.charAt(10) == 'T' && iso.charAt(19) == '.') {
            StringBuilder s = new StringBuilder(29);
            s.append(iso, 0, 10).append(' ').append(iso, 11, 19);
            int fractionEnd = 20;
            while (fractionEnd < length && Character.isDigit(iso.charAt(fractionEnd))) {
                fractionEnd++;
            }
            int significant = fractionEnd;
            while (significant > 20 && iso.charAt(significant - 1) == '0') {
                significant--;
            }
            if (significant > 20) {
                s.append('.').append(iso, 20, significant);
            }
            String zone = iso.substring(fractionEnd);
            if (zone.equals("Z")) {
                return s.append("+00").toString();
            }
            if (zone.length() == 6 && (zone.charAt(0) == '+' || zone.charAt(0) == '-') && zone.charAt(3) == ':') {
                s.append(zone, 0, 3);
                if (!zone.endsWith(":00")) {
                    s.append(zone, 3, 6);
                }
                return s.toString();
            }
        }
        return timestamptz(OffsetDateTime.parse(iso));
    }

    /** Druid's DATE text (the timestamp of its midnight) as {@code 2024-03-01}. */
    public static String druidDate(String iso) {
        return iso.length() >= 10 && iso.charAt(4) == '-' ? iso.substring(0, 10) : iso;
    }

    /** An array as array_out writes it. */
    public static String array(List<?> elements) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            Object e = elements.get(i);
            if (e == null) {
                s.append("NULL");
                continue;
            }
            String text = e instanceof Boolean b ? (b ? "t" : "f") : e instanceof Double d ? float8(d) : e.toString();
            if (needsQuotes(text)) {
                s.append('"')
                        .append(text.replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
            } else {
                s.append(text);
            }
        }
        return s.append('}').toString();
    }

    private static boolean needsQuotes(String text) {
        if (text.isEmpty() || text.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }
}
