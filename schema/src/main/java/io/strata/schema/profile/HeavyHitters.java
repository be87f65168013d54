package io.strata.schema.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Most frequent values in bounded memory (Misra-Gries): exact while a column has at most {@code capacity}
 * distinct values; beyond that counts are lower bounds, low by at most {@code n / (capacity + 1)}, and every value
 * more frequent than that is kept. Not thread-safe.
 *
 * <p>An open-addressing table of at most {@code capacity} counters keyed by the value and its {@code hashCode()}
 * (which a caller may pass when it has it), so that counting a value already kept allocates nothing and reads the
 * value's characters once, to compare them.
 */
public final class HeavyHitters {
    private final int capacity;
    private String[] keys;
    private int[] hashes;
    private long[] counts; // 0 marks a free slot
    private String[] spareKeys;
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
        this.keys = new String[slots];
        this.hashes = new int[slots];
        this.counts = new long[slots];
    }

    /** Counts one value; returns whether it was already kept (so it is not new to a caller that saw it then). */
    public boolean add(String value) {
        return add(value, value.hashCode());
    }

    /**
     * Counts one value whose {@code hashCode()} is {@code hash}; returns whether it was already kept.
     *
     * @param hash {@code value.hashCode()}
     */
    public boolean add(String value, int hash) {
        int mask = keys.length - 1;
        int i = slot(hash);
        while (counts[i] != 0) {
            if (hashes[i] == hash && value.equals(keys[i])) {
                counts[i]++;
                return true;
            }
            i = (i + 1) & mask;
        }
        if (size < capacity) {
            keys[i] = value;
            hashes[i] = hash;
            counts[i] = 1;
            size++;
        } else {
            decrementAll();
        }
        return false;
    }

    /**
     * Counts the value held in {@code chars[offset, offset + length)} if it is kept, without making a string of it.
     *
     * @param hash the hash {@code String.hashCode()} would give for those characters
     * @return whether the value was kept (and is now counted); when not, call {@link #add(String, int)}
     */
    public boolean increment(char[] chars, int offset, int length, int hash) {
        int mask = keys.length - 1;
        int i = slot(hash);
        while (counts[i] != 0) {
            if (hashes[i] == hash && matches(keys[i], chars, offset, length)) {
                counts[i]++;
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    private static boolean matches(String key, char[] chars, int offset, int length) {
        if (key.length() != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (key.charAt(k) != chars[offset + k]) {
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
            spareKeys = new String[keys.length];
            spareHashes = new int[keys.length];
            spareCounts = new long[keys.length];
        }
        String[] oldKeys = keys;
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
                all.add(Map.entry(keys[k], counts[k]));
            }
        }
        all.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return all.subList(0, Math.min(limit, all.size()));
    }
}
