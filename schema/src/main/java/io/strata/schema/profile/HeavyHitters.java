package io.strata.schema.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Most frequent values in bounded memory (Misra-Gries): exact while a column has at most {@code capacity}
 * distinct values; beyond that counts are lower bounds, low by at most {@code n / (capacity + 1)}, and every value
 * more frequent than that is kept. Not thread-safe.
 *
 * <p>An open-addressing table of at most {@code capacity} counters keyed by the value's characters and their
 * {@link #hash}: counting a value already kept allocates nothing (not even a string of a value given as characters)
 * and reads its characters twice, to hash and to compare them.
 */
public final class HeavyHitters {
    private final int capacity;
    private char[][] keys;
    private int[] hashes;
    private long[] counts; // 0 marks a free slot
    private char[][] spareKeys; // the other table, reused by every decrement round
    private int[] spareHashes;
    private long[] spareCounts;
    private final int shift;
    private int size;
    private long decrements;

    public HeavyHitters(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
        int slots = Integer.highestOneBit(capacity * 2 - 1) << 1; // load factor <= 1/2
        this.shift = 32 - Integer.numberOfTrailingZeros(slots);
        this.keys = new char[slots][];
        this.hashes = new int[slots];
        this.counts = new long[slots];
    }

    /** Counts one value; returns whether it was already kept (so it is not new to a caller that saw it then). */
    public boolean add(String value) {
        char[] chars = value.toCharArray();
        return add(chars, 0, chars.length, value.hashCode());
    }

    /**
     * Counts the value held in {@code chars[offset, offset + length)}; returns whether it was already kept. The
     * characters are copied when the value is kept for the first time.
     *
     * @param hash {@link #hash(char[], int, int)} of those characters
     */
    public boolean add(char[] chars, int offset, int length, int hash) {
        int mask = keys.length - 1;
        int i = slot(hash);
        while (counts[i] != 0) {
            if (hashes[i] == hash && matches(keys[i], chars, offset, length)) {
                counts[i]++;
                return true;
            }
            i = (i + 1) & mask;
        }
        if (size < capacity) {
            keys[i] = Arrays.copyOfRange(chars, offset, offset + length);
            hashes[i] = hash;
            counts[i] = 1;
            size++;
        } else {
            decrementAll();
        }
        return false;
    }

    /**
     * The hash {@code new String(chars, offset, length).hashCode()} gives, without making the string: the same
     * polynomial, four characters a step so that the multiplications do not wait on each other.
     */
    public static int hash(char[] chars, int offset, int length) {
        int h = 0;
        int i = offset;
        int end = offset + length;
        for (; i + 3 < end; i += 4) {
            h = h * (31 * 31 * 31 * 31)
                    + chars[i] * (31 * 31 * 31)
                    + chars[i + 1] * (31 * 31)
                    + chars[i + 2] * 31
                    + chars[i + 3];
        }
        for (; i < end; i++) {
            h = h * 31 + chars[i];
        }
        return h;
    }

    private static boolean matches(char[] key, char[] chars, int offset, int length) {
        if (key.length != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (key[k] != chars[offset + k]) {
                return false;
            }
        }
        return true;
    }

    private int slot(int hash) {
        return (hash * 0x9E3779B9) >>> shift; // Fibonacci hashing: the top bits of the product
    }

    /** The new value and every kept value lose one; amortised O(1) since each round removes capacity + 1. */
    private void decrementAll() {
        decrements++;
        if (spareKeys == null) {
            spareKeys = new char[keys.length][];
            spareHashes = new int[keys.length];
            spareCounts = new long[keys.length];
        }
        char[][] oldKeys = keys;
        int[] oldHashes = hashes;
        long[] oldCounts = counts;
        keys = spareKeys;
        hashes = spareHashes;
        counts = spareCounts;
        size = 0;
        int mask = keys.length - 1;
        for (int k = 0; k < oldKeys.length; k++) {
            long count = oldCounts[k];
            if (count > 1) {
                int i = slot(oldHashes[k]);
                while (counts[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[k];
                hashes[i] = oldHashes[k];
                counts[i] = count - 1;
                size++;
            }
            oldKeys[k] = null;
            oldCounts[k] = 0;
        }
        spareKeys = oldKeys;
        spareHashes = oldHashes;
        spareCounts = oldCounts;
    }

    /** Whether the counts are exact (the column never had more distinct values than the capacity). */
    public boolean exact() {
        return decrements == 0;
    }

    /** Up to {@code limit} values, most frequent first, ties by value. */
    public List<Map.Entry<String, Long>> top(int limit) {
        List<Map.Entry<String, Long>> all = new ArrayList<>(size);
        for (int k = 0; k < keys.length; k++) {
            if (counts[k] != 0) {
                all.add(Map.entry(new String(keys[k]), counts[k]));
            }
        }
        all.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return all.subList(0, Math.min(limit, all.size()));
    }
}
