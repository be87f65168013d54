package io.strata.schema.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@link HeavyHitters} for {@code long} values, without boxing: an open-addressing table of at most
 * {@code capacity} counters. Not thread-safe.
 */
public final class LongHeavyHitters {
    private final int capacity;
    private long[] keys;
    private long[] counts; // 0 marks a free slot
    private long[] spareKeys; // the other table, reused by every decrement round
    private long[] spareCounts;
    private int size;
    private long decrements;

    public LongHeavyHitters(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
        int slots = Integer.highestOneBit(capacity * 2 - 1) << 1;
        this.keys = new long[slots];
        this.counts = new long[slots];
    }

    /** Counts one value; returns whether it was already kept (so it is not new to a caller that saw it then). */
    public boolean add(long value) {
        int mask = keys.length - 1;
        int i = (int) HyperLogLog.mix(value) & mask;
        while (counts[i] != 0) {
            if (keys[i] == value) {
                counts[i]++;
                return true;
            }
            i = (i + 1) & mask;
        }
        if (size < capacity) {
            keys[i] = value;
            counts[i] = 1;
            size++;
            return false;
        }
        decrements++;
        if (spareKeys == null) {
            spareKeys = new long[keys.length];
            spareCounts = new long[counts.length];
        }
        long[] oldKeys = keys;
        long[] oldCounts = counts;
        keys = spareKeys;
        counts = spareCounts;
        size = 0;
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldCounts[k] > 1) {
                put(oldKeys[k], oldCounts[k] - 1);
            }
            oldCounts[k] = 0;
        }
        spareKeys = oldKeys;
        spareCounts = oldCounts;
        return false;
    }

    private void put(long key, long count) {
        int mask = keys.length - 1;
        int i = (int) HyperLogLog.mix(key) & mask;
        while (counts[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        counts[i] = count;
        size++;
    }

    public boolean exact() {
        return decrements == 0;
    }

    /** Up to {@code limit} values, most frequent first, ties by value. */
    public List<Map.Entry<Long, Long>> top(int limit) {
        List<Map.Entry<Long, Long>> all = new ArrayList<>(size);
        for (int k = 0; k < keys.length; k++) {
            if (counts[k] != 0) {
                all.add(Map.entry(keys[k], counts[k]));
            }
        }
        all.sort(Map.Entry.<Long, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return all.subList(0, Math.min(limit, all.size()));
    }
}
