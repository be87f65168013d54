package io.strata.schema.value;

/**
 * ISO-8601 dates and date-times: {@code 2024-01-31}, {@code 2024-01-31T10:15}, {@code 2024-01-31T10:15:30.123Z},
 * {@code 2024-01-31 10:15:30+02:00}. Druid's {@code iso} format requires the {@code T}; its {@code auto} format
 * also takes a space.
 */
public enum IsoTimestampFormat implements TimestampFormat {
    /** {@code T} between date and time. */
    ISO("iso", false),
    /** {@code T} or a space between date and time. */
    AUTO("auto", true);

    private final String druidFormat;
    private final boolean spaceAllowed;

    IsoTimestampFormat(String druidFormat, boolean spaceAllowed) {
        this.druidFormat = druidFormat;
        this.spaceAllowed = spaceAllowed;
    }

    @Override
    public String druidFormat() {
        return druidFormat;
    }

    /** Whether the text starts like an ISO date ({@code yyyy-MM-dd}). */
    public static boolean looksIso(String s) {
        return s.length() >= 10
                && digit(s, 0)
                && digit(s, 1)
                && digit(s, 2)
                && digit(s, 3)
                && s.charAt(4) == '-'
                && digit(s, 5)
                && digit(s, 6)
                && s.charAt(7) == '-'
                && digit(s, 8)
                && digit(s, 9);
    }

    private static boolean digit(String s, int i) {
        char c = s.charAt(i);
        return c >= '0' && c <= '9';
    }

    private static boolean digit(char[] s, int i) {
        char c = s[i];
        return c >= '0' && c <= '9';
    }

    private static int two(char[] s, int i) {
        return (s[i] - '0') * 10 + (s[i + 1] - '0');
    }

    @Override
    public long parseMillis(String s) {
        return parseMillis(s.toCharArray(), 0, s.length());
    }

    /**
     * Parses {@code s[offset, offset + length)} by hand, without allocating: the validation hot path. Agrees with
     * {@code java.time}'s ISO parsers on what they both accept (see the tests); also takes what Druid's {@code
     * iso}/{@code auto} take beyond them (an hour of 24, a comma before the fraction, offsets without a colon).
     */
    @Override
    public long parseMillis(char[] s, int offset, int length) {
        if (length < 10
                || !digit(s, offset)
                || !digit(s, offset + 1)
                || !digit(s, offset + 2)
                || !digit(s, offset + 3)
                || s[offset + 4] != '-'
                || !digit(s, offset + 5)
                || !digit(s, offset + 6)
                || s[offset + 7] != '-'
                || !digit(s, offset + 8)
                || !digit(s, offset + 9)) {
            return INVALID;
        }
        int n = offset + length;
        int year = two(s, offset) * 100 + two(s, offset + 2);
        int month = two(s, offset + 5);
        int day = two(s, offset + 8);
        if (!Dates.valid(year, month, day)) {
            return INVALID;
        }
        long millis = Dates.epochDay(year, month, day) * Dates.MILLIS_PER_DAY;
        int i = offset + 10;
        if (i == n) {
            return millis;
        }
        char sep = s[i];
        if (!(sep == 'T' || (sep == ' ' && spaceAllowed))) {
            return INVALID;
        }
        i++;
        if (i + 2 > n || !digit(s, i) || !digit(s, i + 1)) {
            return INVALID;
        }
        int hour = two(s, i);
        i += 2;
        int minute = 0;
        int second = 0;
        int fraction = 0;
        if (i < n && s[i] == ':') {
            if (i + 3 > n || !digit(s, i + 1) || !digit(s, i + 2)) {
                return INVALID;
            }
            minute = two(s, i + 1);
            i += 3;
            if (i < n && s[i] == ':') {
                if (i + 3 > n || !digit(s, i + 1) || !digit(s, i + 2)) {
                    return INVALID;
                }
                second = two(s, i + 1);
                i += 3;
                if (i < n && (s[i] == '.' || s[i] == ',')) {
                    i++;
                    int digits = 0;
                    while (i < n && digit(s, i)) {
                        if (digits < 3) {
                            fraction = fraction * 10 + (s[i] - '0');
                        }
                        digits++;
                        i++;
                    }
                    if (digits == 0 || digits > 9) {
                        return INVALID;
                    }
                    for (int d = digits; d < 3; d++) {
                        fraction *= 10;
                    }
                }
            }
        }
        if (hour > 24 || minute > 59 || second > 59 || (hour == 24 && (minute | second | fraction) != 0)) {
            return INVALID;
        }
        millis += hour * 3_600_000L + minute * 60_000L + second * 1_000L + fraction;
        if (i == n) {
            return millis;
        }
        char z = s[i];
        if (z == 'Z' && i + 1 == n) {
            return millis;
        }
        if (z == ' ' && spaceAllowed && i + 1 < n) {
            z = s[++i]; // "2024-01-31 10:15:30 +02:00"
        }
        if (z != '+' && z != '-') {
            return INVALID;
        }
        i++;
        if (i + 2 > n || !digit(s, i) || !digit(s, i + 1)) {
            return INVALID;
        }
        int offH = two(s, i);
        i += 2;
        int offM = 0;
        if (i < n && s[i] == ':') {
            i++;
            if (i == n) {
                return INVALID; // "+02:" has no minutes
            }
        }
        if (i < n) {
            if (i + 2 != n || !digit(s, i) || !digit(s, i + 1)) {
                return INVALID;
            }
            offM = two(s, i);
        }
        if (offH > 18 || offM > 59) {
            return INVALID;
        }
        long offsetMillis = offH * 3_600_000L + offM * 60_000L;
        return z == '+' ? millis - offsetMillis : millis + offsetMillis;
    }
}
