package io.strata.schema.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Most frequent values in bounded memory (Misra-Gries): exact while a column has at most {@code capacity}
 * distinct values; beyond that counts are lower bounds, low by at most {@code n / (capacity + 1)}, and every value
 * more frequent than that is kept. Not thread-safe.
 */
public final class HeavyHitters {
    private final int capacity;
    private final Map<String, long[]> counts;
    private long decrements;

    public HeavyHitters(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
        this.counts = new HashMap<>(capacity * 2);
    }

    public void add(String value) {
        long[] c = counts.get(value);
        if (c != null) {
            c[0]++;
        } else if (counts.size() < capacity) {
            counts.put(value, new long[] {1});
        } else {
            // the new value and every kept value lose one; amortised O(1) since each round removes capacity + 1
            decrements++;
            for (Iterator<long[]> it = counts.values().iterator(); it.hasNext(); ) {
                if (--it.next()[0] == 0) {
                    it.remove();
                }
            }
        }
    }

    /** Whether the counts are exact (the column never had more distinct values than the capacity). */
    public boolean exact() {
        return decrements == 0;
    }

    /** Up to {@code limit} values, most frequent first, ties by value. */
    public List<Map.Entry<String, Long>> top(int limit) {
        List<Map.Entry<String, Long>> all = new ArrayList<>(counts.size());
        counts.forEach((k, v) -> all.add(Map.entry(k, v[0])));
        all.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return all.subList(0, Math.min(limit, all.size()));
    }
}
