package io.strata.schema;

import io.strata.schema.profile.HeavyHitters;
import io.strata.schema.profile.HyperLogLog;
import io.strata.schema.profile.LongHeavyHitters;
import io.strata.schema.value.EpochTimestampFormat;
import io.strata.schema.value.IsoTimestampFormat;
import io.strata.schema.value.NumberSyntax;
import io.strata.schema.value.TimestampFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
    private final int column;
    private final ColumnType type;
    private final NumberSyntax numbers;
    private final TimestampFormat timestamps;
    /** Whether {@link #timestamps} parses characters without making a string of them. */
    private final boolean timestampsFromChars;

    /** How {@link #accept(char[], int, int, long)} reads a value: decided once, not per value from the type. */
    private static final int TEXT_CHARS = 0;

    private static final int LONG_CHARS = 1;
    private static final int DOUBLE_CHARS = 2;
    private static final int TIMESTAMP_CHARS = 3;
    private static final int VIA_STRING = 4;
    private final int charsPath;

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
    /** Smallest and largest text, as characters (compared as {@link String#compareTo} compares). */
    private char[] minText;

    private char[] maxText;
    private long ordered;
    private long previousMillis = Long.MIN_VALUE;

    private long lastLong;
    private double lastDouble;
    private Object lastObject;
    /** A STRING value counted without making a string: {@code lastChars[lastStart, lastStart + lastLength)}. */
    private char[] lastChars;

    private int lastStart;
    private int lastLength;
    private String lastInvalid;
    private char[] scratch = new char[64];

    ColumnValidator(ColumnPlan plan, DetectionOptions options, char decimalSeparator) {
        this.plan = plan;
        this.column = plan.index();
        this.type = plan.type();
        this.numbers = new NumberSyntax(decimalSeparator);
        this.timestamps = plan.timestampFormat();
        this.timestampsFromChars =
                timestamps instanceof IsoTimestampFormat || timestamps instanceof EpochTimestampFormat;
        this.charsPath = switch (type) {
            case STRING -> TEXT_CHARS;
            case LONG -> LONG_CHARS;
            case DOUBLE -> DOUBLE_CHARS;
            case TIMESTAMP -> timestampsFromChars ? TIMESTAMP_CHARS : VIA_STRING;
            case BOOLEAN -> VIA_STRING;
        };
        this.nullTokens = new NullTokens(options.nullTokens());
        this.maxInvalidSamples = options.maxInvalidSamples();
        this.topStrings =
                type == ColumnType.STRING || type == ColumnType.BOOLEAN ? new HeavyHitters(TOP_CAPACITY) : null;
        this.topLongs = type == ColumnType.LONG ? new LongHeavyHitters(TOP_CAPACITY) : null;
    }

    ColumnPlan plan() {
        return plan;
    }

    /** The column's index in the source's rows. */
    int column() {
        return column;
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

    /**
     * Like {@link #accept(Object, long)} for a value of a {@link io.strata.schema.format.TextRow}: the untrimmed
     * characters {@code chars[start, end)}, which stay valid only while the row does. Makes no string of a number, a
     * timestamp, or a text value this column already keeps among its most frequent.
     */
    int accept(char[] chars, int start, int end, long row) {
        while (start < end && chars[start] <= ' ') {
            start++;
        }
        while (end > start && chars[end - 1] <= ' ') {
            end--;
        }
        int n = end - start;
        if (n == 0 || nullTokens.contains(chars, start, n)) {
            nulls++;
            return NULL;
        }
        switch (charsPath) {
            case TEXT_CHARS -> {
                return string(chars, start, n);
            }
            case LONG_CHARS -> {
                int status = longOf(numbers.classify(chars, start, n));
                return status != INVALID ? status : invalid(new String(chars, start, n), row, "is not an integer");
            }
            case DOUBLE_CHARS -> {
                int status = doubleOf(numbers.classify(chars, start, n));
                return status != INVALID ? status : invalid(new String(chars, start, n), row, "is not a number");
            }
            case TIMESTAMP_CHARS -> {
                return timestampOf(timestamps.parseMillis(chars, start, n), chars, start, n, row);
            }
            default -> {
                return acceptText(new String(chars, start, n), row);
            }
        }
    }

    private int acceptText(String s, long row) {
        switch (type) {
            case STRING -> {
                lastObject = s;
                string(s);
                return VALID;
            }
            case LONG -> {
                int status = longOf(numbers.classify(s));
                return status != INVALID ? status : invalid(s, row, "is not an integer");
            }
            case DOUBLE -> {
                int status = doubleOf(numbers.classify(s));
                return status != INVALID ? status : invalid(s, row, "is not a number");
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
                if (timestampsFromChars) {
                    int n = s.length();
                    if (scratch.length < n) {
                        scratch = new char[n];
                    }
                    s.getChars(0, n, scratch, 0);
                    return timestampOf(timestamps.parseMillis(scratch, 0, n), scratch, 0, n, row);
                }
                long millis = timestamps.parseMillis(s);
                if (millis == TimestampFormat.INVALID) {
                    return invalid(s, row, "is not a timestamp in format " + timestamps.druidFormat());
                }
                return timestampValue(millis);
            }
        }
        throw new IllegalStateException(type.name());
    }

    /** VALID (and the value counted) for an integer, or a decimal without a fraction; else INVALID. */
    private int longOf(NumberSyntax.Kind kind) {
        if (kind == NumberSyntax.Kind.INTEGER) {
            return longValue(numbers.longValue());
        }
        if (kind == NumberSyntax.Kind.DECIMAL && isIntegral(numbers.doubleValue())) {
            return longValue((long) numbers.doubleValue());
        }
        return INVALID;
    }

    /** VALID (and the value counted) for a number; else INVALID. */
    private int doubleOf(NumberSyntax.Kind kind) {
        if (kind == NumberSyntax.Kind.INTEGER || kind == NumberSyntax.Kind.DECIMAL) {
            return doubleValue(numbers.doubleValue());
        }
        return INVALID;
    }

    private int timestampOf(long millis, char[] chars, int start, int n, long row) {
        if (millis == TimestampFormat.INVALID) {
            return invalid(
                    new String(chars, start, n), row, "is not a timestamp in format " + timestamps.druidFormat());
        }
        return timestampValue(millis);
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
        int n = s.length();
        if (scratch.length < n) {
            scratch = new char[n];
        }
        s.getChars(0, n, scratch, 0);
        count(scratch, 0, n);
    }

    private int string(char[] chars, int start, int n) {
        count(chars, start, n);
        lastObject = null; // made only if asked for, by lastValue()
        lastChars = chars;
        lastStart = start;
        lastLength = n;
        return VALID;
    }

    /**
     * Counts one text value. One already kept among the most frequent was added to the sketch and min/max when first
     * seen, and both are idempotent: only a value not kept (new, or dropped since) updates them.
     */
    private void count(char[] chars, int start, int n) {
        valid++;
        int hash = HeavyHitters.hash(chars, start, n);
        if (topStrings.add(chars, start, n, hash)) {
            return;
        }
        distinct.addString(hash, n);
        int end = start + n;
        if (minText == null || Arrays.compare(chars, start, end, minText, 0, minText.length) < 0) {
            minText = Arrays.copyOfRange(chars, start, end);
        }
        if (maxText == null || Arrays.compare(chars, start, end, maxText, 0, maxText.length) > 0) {
            maxText = Arrays.copyOfRange(chars, start, end);
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
            default -> lastObject != null || lastChars == null
                    ? lastObject
                    : new String(lastChars, lastStart, lastLength);
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
                    min = minText == null ? null : new String(minText);
                    max = maxText == null ? null : new String(maxText);
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
