package io.strata.specs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.specs.model.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeBucketsTest {

    private static final Instant START = Instant.parse("2023-11-27T13:45:17.250Z");

    @Test
    void countsTheBucketsASpanTouchesAsWalkingThemOneByOneWould() {
        Random random = new Random(7);
        for (Granularity.Standard g : EnumSet.range(Granularity.Standard.SECOND, Granularity.Standard.YEAR)) {
            // Spans of up to about 20,000 buckets (at most six years), so the walk stays short.
            long maxSpan = Math.min(
                    g.approximateLength().toMillis() * 20_000,
                    Duration.ofDays(6 * 366).toMillis());
            for (int i = 0; i < 200; i++) {
                Instant min =
                        START.plusMillis(random.nextLong(Duration.ofDays(800).toMillis()));
                Instant max = min.plusMillis(random.nextLong(maxSpan));
                assertThat(TimeBuckets.count(min, max, g))
                        .as("%s buckets from %s to %s", g, min, max)
                        .isEqualTo(walk(min, max, g));
            }
        }
    }

    @Test
    void aSpanInsideOneBucketOrReversedIsOneBucket() {
        Instant t = Instant.parse("2024-03-04T10:15:30Z");
        for (Granularity.Standard g : Granularity.Standard.values()) {
            assertThat(TimeBuckets.count(t, t, g)).as("%s, one instant", g).isEqualTo(1);
            if (g != Granularity.Standard.NONE) {
                assertThat(TimeBuckets.count(t, t.minusSeconds(1), g))
                        .as("%s, reversed", g)
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void countsLongSpansAtFineGranularityExactlyWithoutACap() {
        Instant min = Instant.parse("2024-03-01T00:00:00Z");
        Instant max = Instant.parse("2058-06-30T23:59:59Z");
        assertThat(TimeBuckets.count(min, max, Granularity.Standard.SECOND))
                .isEqualTo(Duration.between(min, max).toSeconds() + 1)
                .isGreaterThan(10_000_000);
        assertThat(TimeBuckets.count(min, max, Granularity.Standard.MINUTE))
                .isEqualTo(Duration.between(min, max).toMinutes() + 1);
        assertThat(TimeBuckets.count(min, max, Granularity.Standard.MONTH)).isEqualTo(34 * 12 + 4);
        assertThat(TimeBuckets.count(min, max, Granularity.Standard.QUARTER)).isEqualTo(34 * 4 + 2);
        assertThat(TimeBuckets.count(min, max, Granularity.Standard.YEAR)).isEqualTo(35);
    }

    /** The reference: start at the first bucket and step to the next until past {@code max}. */
    private static long walk(Instant min, Instant max, Granularity.Standard g) {
        long n = 0;
        for (Instant cursor = TimeBuckets.floor(min, g); !cursor.isAfter(max); cursor = TimeBuckets.next(cursor, g)) {
            n++;
        }
        return Math.max(1, n);
    }
}
