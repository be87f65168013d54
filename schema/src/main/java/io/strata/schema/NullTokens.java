package io.strata.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tells whether a trimmed, non-empty value is one of the null tokens, for every value of every column. Exactly
 * {@code tokens.contains(value)}, but most values are rejected by their first character and length without hashing
 * them: tokens are grouped by first character, and each group keeps a mask of its tokens' lengths. Immutable.
 */
final class NullTokens {
    private static final int ASCII = 128;

    /** Per first character below 128: the tokens starting with it, or null. */
    private final String[][] byFirst = new String[ASCII][];
    /** Per first character below 128: bit {@code n} set when a token of length {@code n} (< 64) starts with it. */
    private final long[] lengths = new long[ASCII];

    private final Set<String> tokens;
    private final boolean others;

    NullTokens(Set<String> tokens) {
        this.tokens = Set.copyOf(tokens);
        boolean nonAscii = false;
        List<List<String>> groups = new ArrayList<>(ASCII);
        for (int c = 0; c < ASCII; c++) {
            groups.add(null);
        }
        for (String t : this.tokens) {
            if (t.isEmpty()) {
                continue; // the empty value is null before tokens are asked
            }
            char first = t.charAt(0);
            if (first >= ASCII) {
                nonAscii = true;
                continue;
            }
            if (groups.get(first) == null) {
                groups.set(first, new ArrayList<>());
            }
            groups.get(first).add(t);
            lengths[first] |= t.length() < 64 ? 1L << t.length() : 1L; // bit 0: some token of length >= 64
        }
        for (int c = 0; c < ASCII; c++) {
            if (groups.get(c) != null) {
                byFirst[c] = groups.get(c).toArray(new String[0]);
            }
        }
        this.others = nonAscii;
    }

    /** Whether the value, trimmed and not empty, is a null token. */
    boolean contains(String s) {
        char first = s.charAt(0);
        if (first >= ASCII) {
            return others && tokens.contains(s);
        }
        int n = s.length();
        long mask = lengths[first];
        if (mask == 0 || (n < 64 ? (mask & (1L << n)) == 0 : (mask & 1L) == 0)) {
            return false;
        }
        for (String t : byFirst[first]) {
            if (t.equals(s)) {
                return true;
            }
        }
        return false;
    }

    /** Like {@link #contains(String)} for the characters {@code buf[off, off + len)}, {@code len > 0}. */
    boolean contains(char[] buf, int off, int len) {
        char first = buf[off];
        if (first >= ASCII) {
            return others && tokens.contains(new String(buf, off, len));
        }
        long mask = lengths[first];
        if (mask == 0 || (len < 64 ? (mask & (1L << len)) == 0 : (mask & 1L) == 0)) {
            return false;
        }
        for (String t : byFirst[first]) {
            if (t.length() == len && regionEquals(t, buf, off)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionEquals(String t, char[] buf, int off) {
        for (int i = 0, n = t.length(); i < n; i++) {
            if (t.charAt(i) != buf[off + i]) {
                return false;
            }
        }
        return true;
    }
}
