package io.strata.schema.format;

/**
 * One row of a text file as characters: the values lie one after another in one buffer, value {@code i} in
 * {@code chars()[start(i), end(i))}, untrimmed. The reader reuses the buffer, so a row is valid only until the
 * source advances; {@link #text(int)} copies a value out. Lets a validator read numbers and timestamps, and count
 * values it has already seen, without making a string of each value. Not thread-safe.
 */
public final class TextRow {
    private char[] chars = new char[1024];
    private int[] bounds = new int[64]; // start and end of each value, interleaved
    private int size;
    private int used;

    /** Forgets the values; the row is then empty. */
    public void clear() {
        size = 0;
        used = 0;
    }

    /** Appends a value copied from {@code source[offset, offset + length)}. */
    public void add(char[] source, int offset, int length) {
        if (used + length > chars.length) {
            chars = java.util.Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
        }
        if (2 * size + 2 > bounds.length) {
            bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
        }
        System.arraycopy(source, offset, chars, used, length);
        bounds[2 * size] = used;
        used += length;
        bounds[2 * size + 1] = used;
        size++;
    }

    /** Number of values. */
    public int size() {
        return size;
    }

    /** Characters of all values of this row (and stale ones past them). */
    public char[] chars() {
        return chars;
    }

    /** Where value {@code i} starts in {@link #chars()}. */
    public int start(int i) {
        return bounds[2 * i];
    }

    /** Where value {@code i} ends (exclusive) in {@link #chars()}. */
    public int end(int i) {
        return bounds[2 * i + 1];
    }

    /** Value {@code i} as a string. */
    public String text(int i) {
        return new String(chars, bounds[2 * i], bounds[2 * i + 1] - bounds[2 * i]);
    }

    /** Characters held by all values together. */
    public int length() {
        return used;
    }
}
