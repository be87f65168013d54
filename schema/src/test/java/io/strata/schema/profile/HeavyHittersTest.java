package io.strata.schema.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The open-addressing heavy hitters count exactly what the textbook Misra-Gries summary over a map counts, on skewed
 * and on mostly-distinct streams, and say truthfully whether a value was already kept.
 */
class HeavyHittersTest {

    /** Misra-Gries as written in the literature, over a HashMap: the reference. */
    private static final class Reference {
        final int capacity;
        final Map<String, Long> counts = new HashMap<>();
        boolean decremented;

        Reference(int capacity) {
            this.capacity = capacity;
        }

        boolean add(String v) {
            Long c = counts.get(v);
            if (c != null) {
                counts.put(v, c + 1);
                return true;
            }
            if (counts.size() < capacity) {
                counts.put(v, 1L);
            } else {
                decremented = true;
                counts.replaceAll((k, n) -> n - 1);
                counts.values().removeIf(n -> n == 0);
            }
            return false;
        }

        List<Map.Entry<String, Long>> top(int limit) {
            List<Map.Entry<String, Long>> all = new ArrayList<>(counts.entrySet());
            all.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()));
            return all.subList(0, Math.min(limit, all.size())).stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue()))
                    .toList();
        }
    }

    private static List<String> stream(long seed, int length, int distinct, boolean skewed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> values = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int v = skewed ? (int) Math.floor(Math.pow(random.nextDouble(), 3) * distinct) : random.nextInt(distinct);
            values.add("value-" + v);
        }
        return values;
    }

    @Property(tries = 200)
    void countsWhatTheTextbookSummaryCounts(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 64) int capacity,
            @ForAll @IntRange(min = 1, max = 500) int distinct,
            @ForAll boolean skewed) {
        HeavyHitters hitters = new HeavyHitters(capacity);
        Reference reference = new Reference(capacity);

        for (String v : stream(seed, 2_000, distinct, skewed)) {
            assertThat(hitters.add(v)).isEqualTo(reference.add(v));
        }

        assertThat(hitters.top(Integer.MAX_VALUE)).isEqualTo(reference.top(Integer.MAX_VALUE));
        assertThat(hitters.top(3)).isEqualTo(reference.top(3));
        assertThat(hitters.exact()).isEqualTo(!reference.decremented);
    }

    @Property(tries = 100)
    void countsCharactersLikeTheStringsTheyHold(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 32) int capacity,
            @ForAll @IntRange(min = 1, max = 100) int distinct) {
        HeavyHitters byString = new HeavyHitters(capacity);
        HeavyHitters byChars = new HeavyHitters(capacity);
        char[] buffer = new char[64];

        for (String v : stream(seed, 1_000, distinct, true)) {
            int offset = 7;
            v.getChars(0, v.length(), buffer, offset);
            int hash = HeavyHitters.hash(buffer, offset, v.length());
            assertThat(hash).isEqualTo(v.hashCode());
            assertThat(byChars.add(buffer, offset, v.length(), hash)).isEqualTo(byString.add(v));
            buffer[offset] = '#'; // the table holds its own copy
        }

        assertThat(byChars.top(Integer.MAX_VALUE)).isEqualTo(byString.top(Integer.MAX_VALUE));
    }

    @Property(tries = 300)
    void hashesCharactersAsStringHashesThem(@ForAll String value) {
        char[] buffer = ("ab" + value + "c").toCharArray();

        assertThat(HeavyHitters.hash(buffer, 2, value.length())).isEqualTo(value.hashCode());
    }

    @Test
    void isExactWhileTheValuesFitAndKeepsAFrequentValueWhenTheyDoNot() {
        HeavyHitters hitters = new HeavyHitters(4);
        for (int i = 0; i < 1_000; i++) {
            hitters.add("hot");
            hitters.add("cold-" + i);
        }

        assertThat(hitters.exact()).isFalse();
        assertThat(hitters.top(1).get(0).getKey()).isEqualTo("hot");
    }

    @Property(tries = 100)
    void longCountersCountWhatTheStringCountersCount(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 64) int capacity,
            @ForAll @IntRange(min = 1, max = 500) int distinct) {
        LongHeavyHitters longs = new LongHeavyHitters(capacity);
        Reference reference = new Reference(capacity);
        SplittableRandom random = new SplittableRandom(seed);

        for (int i = 0; i < 2_000; i++) {
            long v = (long) Math.floor(Math.pow(random.nextDouble(), 2) * distinct) - distinct / 2;
            assertThat(longs.add(v)).isEqualTo(reference.add(Long.toString(v)));
        }

        Map<String, Long> expected = new HashMap<>();
        reference.counts.forEach(expected::put);
        Map<String, Long> actual = new HashMap<>();
        longs.top(Integer.MAX_VALUE).forEach(e -> actual.put(Long.toString(e.getKey()), e.getValue()));
        assertThat(actual).isEqualTo(expected);
        assertThat(longs.exact()).isEqualTo(!reference.decremented);
    }

    @Test
    void hyperLogLogAddsAStringByItsHashAndLengthAsItAddsTheString() {
        HyperLogLog byString = new HyperLogLog();
        HyperLogLog byHash = new HyperLogLog();
        for (int i = 0; i < 50_000; i++) {
            String v = "v" + i * 7919;
            byString.add(v);
            byHash.addString(v.hashCode(), v.length());
        }

        assertThat(byHash.estimate()).isEqualTo(byString.estimate());
        assertThat((double) byString.estimate()).isCloseTo(50_000, org.assertj.core.data.Percentage.withPercentage(5));
    }
}
