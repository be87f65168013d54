package io.strata.schema.value;

/** Integers counting seconds, milliseconds, microseconds or nanoseconds since 1970-01-01T00:00:00Z. */
public enum EpochTimestampFormat implements TimestampFormat {
    POSIX("posix", 1_000, true),
    MILLIS("millis", 1, true),
    MICRO("micro", 1_000, false),
    NANO("nano", 1_000_000, false);

    private final String druidFormat;
    private final long factor;
    private final boolean multiply;

    EpochTimestampFormat(String druidFormat, long factor, boolean multiply) {
        this.druidFormat = druidFormat;
        this.factor = factor;
        this.multiply = multiply;
    }

    @Override
    public String druidFormat() {
        return druidFormat;
    }

    @Override
    public boolean numeric() {
        return true;
    }

    /** Milliseconds for an epoch value in this unit. */
    public long toMillis(long value) {
        return multiply ? value * factor : Math.floorDiv(value, factor);
    }

    @Override
    public long parseMillis(String text) {
        return parseMillis(text.toCharArray(), 0, text.length());
    }

    @Override
    public long parseMillis(char[] text, int offset, int length) {
        if (length == 0 || length > 19) {
            return INVALID;
        }
        int n = offset + length;
        boolean negative = text[offset] == '-';
        int i = negative ? offset + 1 : offset;
        if (i == n) {
            return INVALID;
        }
        long v = 0;
        for (; i < n; i++) {
            char c = text[i];
            if (c < '0' || c > '9') {
                return INVALID;
            }
            v = v * 10 + (c - '0');
        }
        return toMillis(negative ? -v : v);
    }

    /**
     * The unit whose range between 1970 and 2100 holds this magnitude (seconds ~1e9, millis ~1e12, micros ~1e15,
     * nanos ~1e18), or null.
     */
    public static EpochTimestampFormat byMagnitude(long value) {
        long v = Math.abs(value);
        if (v >= 100_000_000L && v < 4_200_000_000L) {
            return POSIX;
        }
        if (v >= 100_000_000_000L && v < 4_200_000_000_000L) {
            return MILLIS;
        }
        if (v >= 100_000_000_000_000L && v < 4_200_000_000_000_000L) {
            return MICRO;
        }
        if (v >= 100_000_000_000_000_000L) {
            return NANO;
        }
        return null;
    }
}
