package io.strata.schema.value;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Reads numbers written by people and spreadsheets: an optional sign (including a leading {@code +}), thousands
 * separators in groups of three, a decimal point or a decimal comma, and an exponent. One instance per column
 * and thread: the last parsed value is kept in the instance to avoid boxing on the hot path.
 */
public final class NumberSyntax {

    /** What a piece of text is, as a number. */
    public enum Kind {
        INTEGER,
        DECIMAL,
        /** Digits with a leading zero such as {@code 00501}: a code, not a number. */
        LEADING_ZERO,
        NOT_A_NUMBER
    }

    private final char decimal;
    private long longValue;
    private double doubleValue;
    private boolean grouped;
    private final char[] scratch = new char[64];
    private final char[] input = new char[64];

    /** Mantissas up to 2^53 and powers of ten up to 10^22 are exact doubles: one division rounds correctly. */
    private static final long MAX_EXACT_MANTISSA = 1L << 53;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };

    public NumberSyntax(char decimalSeparator) {
        if (decimalSeparator != '.' && decimalSeparator != ',') {
            throw new IllegalArgumentException("decimalSeparator must be '.' or ',': " + decimalSeparator);
        }
        this.decimal = decimalSeparator;
    }

    public char decimalSeparator() {
        return decimal;
    }

    private boolean isGroupSeparator(char c) {
        return decimal == '.' ? c == ',' : (c == '.' || c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\'');
    }

    /** The value of the last text classified {@link Kind#INTEGER}. */
    public long longValue() {
        return longValue;
    }

    /** The value of the last text classified {@link Kind#INTEGER} or {@link Kind#DECIMAL}. */
    public double doubleValue() {
        return doubleValue;
    }

    /** Whether the last number used thousands separators or a decimal comma (Druid cannot read it as-is). */
    public boolean needsRewriting() {
        return grouped;
    }

    /**
     * Classifies trimmed text and, for numbers, keeps the value ({@link #longValue()}, {@link #doubleValue()}).
     * Integers beyond the range of {@code long} are DECIMAL.
     */
    public Kind classify(String s) {
        int n = s.length();
        if (n == 0 || n > input.length) {
            return Kind.NOT_A_NUMBER;
        }
        s.getChars(0, n, input, 0);
        return classify(input, 0, n);
    }

    /** Like {@link #classify(String)} for the characters {@code text[offset, offset + length)}. */
    public Kind classify(char[] text, int offset, int length) {
        if (length == 0) {
            return Kind.NOT_A_NUMBER;
        }
        Kind plain = plain(text, offset, length);
        return plain != null ? plain : general(text, offset, length);
    }

    /**
     * The common case in one pass: {@code [-]digits[.digits]} with a decimal point, at most 18 digits, no leading
     * zero. Null for anything else, which {@link #general} then reads (and classifies the same way).
     */
    private Kind plain(char[] text, int offset, int length) {
        int end = offset + length;
        int i = offset;
        boolean negative = text[i] == '-';
        if (negative) {
            i++;
        }
        int intStart = i;
        long mantissa = 0;
        for (; i < end; i++) {
            int d = text[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            mantissa = mantissa * 10 + d;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || intDigits > 18 || (intDigits > 1 && text[intStart] == '0')) {
            return null;
        }
        if (i == end) {
            grouped = false;
            longValue = negative ? -mantissa : mantissa;
            doubleValue = longValue;
            return Kind.INTEGER;
        }
        if (decimal != '.' || text[i] != '.') {
            return null;
        }
        int fracStart = ++i;
        for (; i < end; i++) {
            int d = text[i] - '0';
            if (d < 0 || d > 9) {
                return null; // an exponent, or not a number
            }
            mantissa = mantissa * 10 + d;
        }
        int fracDigits = i - fracStart;
        if (intDigits + fracDigits > 18) {
            return null;
        }
        grouped = false;
        if (mantissa <= MAX_EXACT_MANTISSA) {
            // Clinger's fast path: both operands exact, so the quotient is the correctly rounded value, the same
            // double the full parser gives
            double magnitude = mantissa / POWERS_OF_TEN[fracDigits];
            doubleValue = negative ? -magnitude : magnitude;
        } else {
            doubleValue = JavaDoubleParser.parseDouble(text, offset, length); // Java's own syntax here
        }
        return Kind.DECIMAL;
    }

    /** Every syntax: signs, thousands separators, either decimal separator, exponents, long mantissas. */
    private Kind general(char[] text, int offset, int length) {
        int n = offset + length;
        if (length > scratch.length) {
            return Kind.NOT_A_NUMBER;
        }
        grouped = false;
        int i = offset;
        char c = text[offset];
        boolean negative = false;
        if (c == '+' || c == '-') {
            negative = c == '-';
            i++;
            if (c == '+') {
                grouped = true;
            }
        }
        int intStart = i;
        int digits = 0;
        int groupLen = -1; // -1: no group separator seen yet
        long acc = 0;
        boolean overflow = false;
        int w = 0;
        if (negative) {
            scratch[w++] = '-';
        }
        for (; i < n; i++) {
            c = text[i];
            if (c >= '0' && c <= '9') {
                digits++;
                if (groupLen >= 0) {
                    groupLen++;
                    if (groupLen > 3) {
                        return Kind.NOT_A_NUMBER;
                    }
                }
                int d = c - '0';
                if (acc > (Long.MAX_VALUE - d) / 10) {
                    overflow = true;
                } else {
                    acc = acc * 10 + d;
                }
                scratch[w++] = c;
            } else if (isGroupSeparator(c) && digits > 0) {
                if ((groupLen >= 0 && groupLen != 3) || (groupLen < 0 && digits > 3)) {
                    return Kind.NOT_A_NUMBER;
                }
                groupLen = 0;
                grouped = true;
            } else {
                break;
            }
        }
        if (groupLen >= 0 && groupLen != 3) {
            return Kind.NOT_A_NUMBER;
        }
        boolean leadingZero = digits > 1 && text[intStart] == '0';
        if (i == n) {
            if (digits == 0) {
                return Kind.NOT_A_NUMBER;
            }
            if (leadingZero) {
                return Kind.LEADING_ZERO;
            }
            if (!overflow) {
                longValue = negative ? -acc : acc;
                doubleValue = longValue;
                return Kind.INTEGER;
            }
            doubleValue = JavaDoubleParser.parseDouble(scratch, 0, w);
            return Kind.DECIMAL;
        }
        // fraction and exponent; the digits so far extend the mantissa while it stays exact
        boolean exact = !overflow && acc <= MAX_EXACT_MANTISSA;
        long mantissa = acc;
        int fracDigits = 0;
        if (c == decimal) {
            if (decimal == ',') {
                grouped = true;
            }
            scratch[w++] = '.';
            for (i++; i < n; i++) {
                c = text[i];
                if (c < '0' || c > '9') {
                    break;
                }
                scratch[w++] = c;
                fracDigits++;
                if (exact) {
                    mantissa = mantissa * 10 + (c - '0');
                    exact = mantissa <= MAX_EXACT_MANTISSA;
                }
            }
        }
        if (digits == 0 && fracDigits == 0) {
            return Kind.NOT_A_NUMBER;
        }
        if (i < n && (c == 'e' || c == 'E')) {
            exact = false;
            scratch[w++] = 'e';
            i++;
            if (i < n && (text[i] == '+' || text[i] == '-')) {
                scratch[w++] = text[i++];
            }
            int expDigits = 0;
            for (; i < n; i++) {
                c = text[i];
                if (c < '0' || c > '9') {
                    break;
                }
                scratch[w++] = c;
                expDigits++;
            }
            if (expDigits == 0) {
                return Kind.NOT_A_NUMBER;
            }
        }
        if (i != n) {
            return Kind.NOT_A_NUMBER;
        }
        if (leadingZero) {
            return Kind.LEADING_ZERO;
        }
        if (exact && fracDigits < POWERS_OF_TEN.length) {
            // Clinger's fast path: both operands exact, so the quotient is the correctly rounded value, the same
            // double the full parser gives
            double magnitude = mantissa / POWERS_OF_TEN[fracDigits];
            doubleValue = negative ? -magnitude : magnitude;
            return Kind.DECIMAL;
        }
        if (digits == 0) {
            // ".5": keep the zero the parser expects
            System.arraycopy(scratch, negative ? 1 : 0, scratch, negative ? 2 : 1, w - (negative ? 1 : 0));
            scratch[negative ? 1 : 0] = '0';
            w++;
        }
        doubleValue = JavaDoubleParser.parseDouble(scratch, 0, w);
        return Kind.DECIMAL;
    }

    /**
     * Evidence for which decimal separator a value uses: positive for a decimal comma, negative for a decimal
     * point, 0 when the value does not tell ({@code 1,234} reads either way, {@code 12} has neither).
     *
     * @param point a syntax with a decimal point, used as scratch
     * @param comma a syntax with a decimal comma, used as scratch
     */
    public static int decimalCommaEvidence(String s, NumberSyntax point, NumberSyntax comma) {
        if (s.indexOf(',') < 0 && s.indexOf('.') < 0) {
            return 0;
        }
        Kind p = point.classify(s);
        Kind c = comma.classify(s);
        boolean byPoint = p == Kind.INTEGER || p == Kind.DECIMAL;
        boolean byComma = c == Kind.INTEGER || c == Kind.DECIMAL;
        if (byPoint == byComma) {
            return 0;
        }
        return byComma ? 1 : -1;
    }
}
