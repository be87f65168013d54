package io.strata.schema;

import io.strata.schema.profile.HeavyHitters;
import io.strata.schema.profile.HyperLogLog;
import io.strata.schema.profile.LongHeavyHitters;
import io.strata.schema.value.EpochTimestampFormat;
import io.strata.schema.value.NumberSyntax;
import io.strata.schema.value.TimestampFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts one column's raw values to its type and profiles them as they flow. {@link #accept} keeps the last
 * value unboxed; {@link #lastValue()} boxes it only when a caller needs it (sample rows, the normalized copy).
 * Not thread-safe.
 */
final class ColumnValidator {
    static final int NULL = 0;
    static final int VALID = 1;
    static final int INVALID = 2;
    private static final int TOP_CAPACITY = 1024;

    private final ColumnPlan plan;
    private final ColumnType type;
    private final NumberSyntax numbers;
    private final TimestampFormat timestamps;
    private final NullTokens nullTokens;
    private final int maxInvalidSamples;

    private long nulls;
    private long invalid;
    private long valid;
    private final List<InvalidValue> invalidSamples = new ArrayList<>();
    private final HyperLogLog distinct = new HyperLogLog();
    private final HeavyHitters topStrings;
    private final LongHeavyHitters topLongs;
    private long minLong = Long.MAX_VALUE;
    private long maxLong = Long.MIN_VALUE;
    private double minDouble = Double.POSITIVE_INFINITY;
    private double maxDouble = Double.NEGATIVE_INFINITY;
    private String minString;
    private String maxString;
    private long ordered;
    private long previousMillis = Long.MIN_VALUE;

    private long lastLong;
    private double lastDouble;
    private Object lastObject;
    private String lastInvalid;

    ColumnValidator(ColumnPlan plan, DetectionOptions options, char decimalSeparator) {
        this.plan = plan;
        this.type = plan.type();
        this.numbers = new NumberSyntax(decimalSeparator);
        this.timestamps = plan.timestampFormat();
        this.nullTokens = new NullTokens(options.nullTokens());
        this.maxInvalidSamples = options.maxInvalidSamples();
        this.topStrings =
                type == ColumnType.STRING || type == ColumnType.BOOLEAN ? new HeavyHitters(TOP_CAPACITY) : null;
        this.topLongs = type == ColumnType.LONG ? new LongHeavyHitters(TOP_CAPACITY) : null;
    }

    ColumnPlan plan() {
        return plan;
    }

    /** Converts and profiles one raw value; returns {@link #NULL}, {@link #VALID} or {@link #INVALID}. */
    int accept(Object raw, long row) {
        if (raw == null) {
            nulls++;
            return NULL;
        }
        if (raw instanceof String s) {
            int n = s.length();
            if (n > 0 && (s.charAt(0) <= ' ' || s.charAt(n - 1) <= ' ')) {
                s = s.trim();
                n = s.length();
            }
            if (n == 0 || nullTokens.contains(s)) {
                nulls++;
                return NULL;
            }
            return acceptText(s, row);
        }
        return acceptObject(raw, row);
    }

    private int acceptText(String s, long row) {
        switch (type) {
            case STRING -> {
                lastObject = s;
                string(s);
                return VALID;
            }
            case LONG -> {
                NumberSyntax.Kind kind = numbers.classify(s);
                if (kind == NumberSyntax.Kind.INTEGER) {
                    return longValue(numbers.longValue());
                }
                if (kind == NumberSyntax.Kind.DECIMAL && isIntegral(numbers.doubleValue())) {
                    return longValue((long) numbers.doubleValue());
                }
                return invalid(s, row, "is not an integer");
            }
            case DOUBLE -> {
                NumberSyntax.Kind kind = numbers.classify(s);
                if (kind == NumberSyntax.Kind.INTEGER || kind == NumberSyntax.Kind.DECIMAL) {
                    return doubleValue(numbers.doubleValue());
                }
                return invalid(s, row, "is not a number");
            }
            case BOOLEAN -> {
                Boolean b = plan.booleans() == null ? null : plan.booleans().parse(s);
                if (b == null) {
                    return invalid(
                            s, row, "is not a boolean (" + plan.booleans().describe() + ")");
                }
                return booleanValue(b);
            }
            case TIMESTAMP -> {
                long millis = timestamps.parseMillis(s);
                if (millis == TimestampFormat.INVALID) {
                    return invalid(s, row, "is not a timestamp in format " + timestamps.druidFormat());
                }
                return timestampValue(millis);
            }
        }
        throw new IllegalStateException(type.name());
    }

    private int acceptObject(Object raw, long row) {
        if (raw instanceof Double d && d.isNaN()) {
            nulls++;
            return NULL;
        }
        if (raw instanceof List<?> list) {
            if (type != ColumnType.STRING || !plan.multiValue()) {
                return invalid(String.valueOf(list), row, "is a list in a single-value column");
            }
            List<String> values = new ArrayList<>(list.size());
            for (Object o : list) {
                if (o != null) {
                    String s = o.toString();
                    values.add(s);
                    string(s);
                }
            }
            lastObject = List.copyOf(values);
            return VALID;
        }
        switch (type) {
            case STRING -> {
                String s = raw instanceof Instant i ? i.toString() : raw.toString();
                lastObject = s;
                string(s);
                return VALID;
            }
            case LONG -> {
                if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
                    return longValue(((Number) raw).longValue());
                }
                if (raw instanceof Number n && isIntegral(n.doubleValue())) {
                    return longValue(n.longValue());
                }
            }
            case DOUBLE -> {
                if (raw instanceof Number n) {
                    return doubleValue(n.doubleValue());
                }
            }
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    return booleanValue(b);
                }
            }
            case TIMESTAMP -> {
                if (raw instanceof Instant i) {
                    return timestampValue(i.toEpochMilli());
                }
                if (raw instanceof Number n && timestamps instanceof EpochTimestampFormat epoch) {
                    return timestampValue(epoch.toMillis(n.longValue()));
                }
            }
        }
        String text = raw instanceof Instant i ? i.toString() : raw.toString();
        return acceptText(text, row);
    }

    private static boolean isIntegral(double d) {
        return d == Math.rint(d) && Math.abs(d) < 9.2e18;
    }

    private void string(String s) {
        valid++;
        int hash = s.hashCode();
        if (topStrings.add(s, hash)) {
            return; // kept since it was first seen: the sketch and min/max already hold it
        }
        distinct.addString(hash, s.length());
        if (minString == null || s.compareTo(minString) < 0) {
            minString = s;
        }
        if (maxString == null || s.compareTo(maxString) > 0) {
            maxString = s;
        }
    }

    private int longValue(long v) {
        valid++;
        lastLong = v;
        lastObject = null;
        if (!topLongs.add(v)) { // a kept value is already in the sketch and min/max
            distinct.add(v);
            minLong = Math.min(minLong, v);
            maxLong = Math.max(maxLong, v);
        }
        return VALID;
    }

    private int doubleValue(double v) {
        valid++;
        lastDouble = v;
        lastObject = null;
        distinct.add(Double.doubleToLongBits(v));
        minDouble = Math.min(minDouble, v);
        maxDouble = Math.max(maxDouble, v);
        return VALID;
    }

    private int booleanValue(boolean b) {
        lastObject = b;
        string(b ? "true" : "false");
        return VALID;
    }

    private int timestampValue(long millis) {
        valid++;
        lastLong = millis;
        lastObject = null;
        distinct.add(millis);
        minLong = Math.min(minLong, millis);
        maxLong = Math.max(maxLong, millis);
        if (millis >= previousMillis) {
            ordered++;
        }
        previousMillis = millis;
        return VALID;
    }

    private int invalid(String value, long row, String why) {
        invalid++;
        String shown = value.length() > 200 ? value.substring(0, 200) + "…" : value;
        lastInvalid = "'" + shown + "' " + why;
        if (invalidSamples.size() < maxInvalidSamples) {
            invalidSamples.add(new InvalidValue(row, shown, why));
        }
        return INVALID;
    }

    /** Why the last INVALID value is invalid. */
    String lastInvalid() {
        return lastInvalid;
    }

    /** The last VALID value, typed as {@link DetectionResult#sample()} documents. */
    Object lastValue() {
        return switch (type) {
            case LONG -> lastLong;
            case DOUBLE -> lastDouble;
            case TIMESTAMP -> Instant.ofEpochMilli(lastLong);
            default -> lastObject;
        };
    }

    long valid() {
        return valid;
    }

    long invalid() {
        return invalid;
    }

    long nulls() {
        return nulls;
    }

    /** Fraction of timestamps not earlier than the one before them. */
    double orderedFraction() {
        return valid == 0 ? 0 : (double) ordered / valid;
    }

    long minLong() {
        return minLong;
    }

    long maxLong() {
        return maxLong;
    }

    double minDouble() {
        return minDouble;
    }

    double maxDouble() {
        return maxDouble;
    }

    long approxDistinct() {
        return valid == 0 ? 0 : Math.max(1, distinct.estimate());
    }

    ColumnProfile profile(int topValues, boolean withTop) {
        String min = null;
        String max = null;
        if (valid > 0) {
            switch (type) {
                case LONG -> {
                    min = Long.toString(minLong);
                    max = Long.toString(maxLong);
                }
                case DOUBLE -> {
                    min = Double.toString(minDouble);
                    max = Double.toString(maxDouble);
                }
                case TIMESTAMP -> {
                    min = Instant.ofEpochMilli(minLong).toString();
                    max = Instant.ofEpochMilli(maxLong).toString();
                }
                default -> {
                    min = minString;
                    max = maxString;
                }
            }
        }
        List<ValueCount> top = new ArrayList<>();
        if (withTop && topStrings != null) {
            topStrings.top(topValues).forEach(e -> top.add(new ValueCount(e.getKey(), e.getValue())));
        } else if (withTop && topLongs != null) {
            topLongs.top(topValues).forEach(e -> top.add(new ValueCount(Long.toString(e.getKey()), e.getValue())));
        }
        return new ColumnProfile(nulls, invalid, invalidSamples, min, max, approxDistinct(), top);
    }
}
