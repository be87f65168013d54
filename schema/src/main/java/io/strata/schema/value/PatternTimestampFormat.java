package io.strata.schema.value;

import java.text.DateFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Timestamps written to a Joda-Time pattern (the syntax Druid's {@code timestampSpec} takes), such as
 * {@code M/d/yyyy}, {@code dd-MMM-yy} or {@code yyyyMMdd}. Supports the fields y, M (number or text), d, H, h,
 * m, s, S, a and E, quoted literals, and Joda's parsing rules: numbers take one or two digits unless the field is
 * next to another number, when its width is fixed; {@code yy} reads a year within 50 years of today.
 */
public final class PatternTimestampFormat implements TimestampFormat {

    private enum Field {
        YEAR,
        YEAR2,
        MONTH,
        MONTH_TEXT,
        DAY,
        HOUR,
        HOUR12,
        MINUTE,
        SECOND,
        FRACTION,
        AMPM,
        WEEKDAY,
        LITERAL
    }

    private record Token(Field field, int minDigits, int maxDigits, char literal) {}

    private final String pattern;
    private final Token[] tokens;
    private final String[] months; // lower-case short names, then long names: index % 12 is the month - 1
    private final String[] weekdays;

    private PatternTimestampFormat(String pattern, Token[] tokens, Locale locale) {
        this.pattern = pattern;
        this.tokens = tokens;
        DateFormatSymbols symbols = DateFormatSymbols.getInstance(locale);
        List<String> m = new ArrayList<>();
        for (String[] names : List.of(symbols.getShortMonths(), symbols.getMonths())) {
            for (int i = 0; i < 12; i++) {
                m.add(names[i].toLowerCase(locale).replace(".", ""));
            }
        }
        this.months = m.toArray(String[]::new);
        List<String> w = new ArrayList<>();
        for (String[] names : List.of(symbols.getShortWeekdays(), symbols.getWeekdays())) {
            for (String name : names) {
                if (!name.isEmpty()) {
                    w.add(name.toLowerCase(locale));
                }
            }
        }
        this.weekdays = w.toArray(String[]::new);
    }

    /**
     * Compiles a Joda pattern.
     *
     * @throws IllegalArgumentException naming the unsupported letter
     */
    public static PatternTimestampFormat compile(String pattern, Locale locale) {
        List<Token> tokens = new ArrayList<>();
        int n = pattern.length();
        for (int i = 0; i < n; ) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated quote in timestamp pattern: " + pattern);
                }
                if (end == i + 1) {
                    tokens.add(new Token(Field.LITERAL, 0, 0, '\''));
                }
                for (int k = i + 1; k < end; k++) {
                    tokens.add(new Token(Field.LITERAL, 0, 0, pattern.charAt(k)));
                }
                i = end + 1;
                continue;
            }
            if (!Character.isLetter(c)) {
                tokens.add(new Token(Field.LITERAL, 0, 0, c));
                i++;
                continue;
            }
            int j = i;
            while (j < n && pattern.charAt(j) == c) {
                j++;
            }
            int count = j - i;
            tokens.add(
                    switch (c) {
                        case 'y', 'Y', 'x' -> count == 2
                                ? new Token(Field.YEAR2, 2, 2, c)
                                : new Token(Field.YEAR, 4, 4, c);
                        case 'M' -> count >= 3
                                ? new Token(Field.MONTH_TEXT, 0, 0, c)
                                : new Token(Field.MONTH, count, 2, c);
                        case 'd' -> new Token(Field.DAY, count, 2, c);
                        case 'H' -> new Token(Field.HOUR, count, 2, c);
                        case 'h' -> new Token(Field.HOUR12, count, 2, c);
                        case 'm' -> new Token(Field.MINUTE, count, 2, c);
                        case 's' -> new Token(Field.SECOND, count, 2, c);
                        case 'S' -> new Token(Field.FRACTION, 1, 9, c);
                        case 'a' -> new Token(Field.AMPM, 0, 0, c);
                        case 'E' -> new Token(Field.WEEKDAY, 0, 0, c);
                        default -> throw new IllegalArgumentException(
                                "unsupported letter '" + c + "' in timestamp pattern: " + pattern);
                    });
            i = j;
        }
        // Joda reads numbers next to numbers at their pattern width.
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            boolean numeric = isNumeric(t);
            boolean adjacent =
                    (k > 0 && isNumeric(tokens.get(k - 1))) || (k + 1 < tokens.size() && isNumeric(tokens.get(k + 1)));
            if (!numeric || t.field() == Field.YEAR || t.field() == Field.YEAR2) {
                continue;
            }
            if (adjacent) {
                int width = t.field() == Field.FRACTION ? 3 : 2;
                tokens.set(k, new Token(t.field(), width, width, t.literal()));
            } else {
                tokens.set(k, new Token(t.field(), 1, t.maxDigits(), t.literal()));
            }
        }
        return new PatternTimestampFormat(pattern, tokens.toArray(Token[]::new), locale);
    }

    private static boolean isNumeric(Token t) {
        return t.field() != Field.LITERAL
                && t.field() != Field.MONTH_TEXT
                && t.field() != Field.AMPM
                && t.field() != Field.WEEKDAY;
    }

    @Override
    public String druidFormat() {
        return pattern;
    }

    @Override
    public long parseMillis(String s) {
        int n = s.length();
        int i = 0;
        int year = Integer.MIN_VALUE;
        int month = -1;
        int day = -1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int millis = 0;
        int pm = -1;
        boolean twelveHour = false;
        for (Token t : tokens) {
            switch (t.field()) {
                case LITERAL -> {
                    if (i >= n || s.charAt(i) != t.literal()) {
                        return INVALID;
                    }
                    i++;
                }
                case MONTH_TEXT -> {
                    int m = matchName(s, i, months);
                    if (m < 0) {
                        return INVALID;
                    }
                    month = m % 12 + 1;
                    i += months[m].length();
                    if (i < n && s.charAt(i) == '.') {
                        i++;
                    }
                }
                case WEEKDAY -> {
                    int w = matchName(s, i, weekdays);
                    if (w < 0) {
                        return INVALID;
                    }
                    i += weekdays[w].length();
                }
                case AMPM -> {
                    if (i + 2 > n) {
                        return INVALID;
                    }
                    char a = Character.toUpperCase(s.charAt(i));
                    char m = Character.toUpperCase(s.charAt(i + 1));
                    if (m != 'M' || (a != 'A' && a != 'P')) {
                        return INVALID;
                    }
                    pm = a == 'P' ? 1 : 0;
                    i += 2;
                }
                default -> {
                    int start = i;
                    int max = Math.min(n, i + t.maxDigits());
                    int v = 0;
                    while (i < max && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                        v = v * 10 + (s.charAt(i) - '0');
                        i++;
                    }
                    int digits = i - start;
                    int min = t.minDigits();
                    if (digits < min) {
                        return INVALID;
                    }
                    switch (t.field()) {
                        case YEAR -> year = v;
                        case YEAR2 -> year = Dates.expandTwoDigitYear(v);
                        case MONTH -> month = v;
                        case DAY -> day = v;
                        case HOUR -> hour = v;
                        case HOUR12 -> {
                            hour = v;
                            twelveHour = true;
                        }
                        case MINUTE -> minute = v;
                        case SECOND -> second = v;
                        case FRACTION -> {
                            for (int d = digits; d < 3; d++) {
                                v *= 10;
                            }
                            for (int d = digits; d > 3; d--) {
                                v /= 10;
                            }
                            millis = v;
                        }
                        default -> throw new IllegalStateException(t.field().name());
                    }
                }
            }
        }
        if (i != n || year == Integer.MIN_VALUE) {
            return INVALID;
        }
        if (month < 0) {
            month = 1;
        }
        if (day < 0) {
            day = 1;
        }
        if (twelveHour) {
            if (hour < 1 || hour > 12 || pm < 0) {
                return INVALID;
            }
            hour = (hour % 12) + (pm == 1 ? 12 : 0);
        }
        if (!Dates.valid(year, month, day) || hour > 23 || minute > 59 || second > 59) {
            return INVALID;
        }
        return Dates.epochDay(year, month, day) * Dates.MILLIS_PER_DAY
                + hour * 3_600_000L
                + minute * 60_000L
                + second * 1_000L
                + millis;
    }

    /** Index of the longest name that starts at {@code i}, case-insensitively, or -1. */
    private static int matchName(String s, int i, String[] names) {
        int best = -1;
        for (int k = 0; k < names.length; k++) {
            String name = names[k];
            if (!name.isEmpty()
                    && s.regionMatches(true, i, name, 0, name.length())
                    && (best < 0 || name.length() > names[best].length())) {
                best = k;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
