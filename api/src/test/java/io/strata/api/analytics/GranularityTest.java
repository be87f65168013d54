package io.strata.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class GranularityTest {

    static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void countsTheBucketsAHalfOpenIntervalTouches() {
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        Instant end = Instant.parse("2024-03-02T00:00:00Z");
        assertThat(Granularity.HOUR.buckets(start, end, UTC)).isEqualTo(24);
        assertThat(Granularity.MINUTE.buckets(start, end, UTC)).isEqualTo(1440);
        assertThat(Granularity.DAY.buckets(start, end, UTC)).isEqualTo(1);
        assertThat(Granularity.DAY.buckets(start, end.plusMillis(1), UTC)).isEqualTo(2);
    }

    @Test
    void bucketsFollowTheTimeZone() {
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        Instant end = Instant.parse("2024-03-02T00:00:00Z");
        // In Tokyo (UTC+9) that day spans two local days.
        assertThat(Granularity.DAY.buckets(start, end, ZoneId.of("Asia/Tokyo"))).isEqualTo(2);
        assertThat(Granularity.DAY.floor(start, ZoneId.of("Asia/Tokyo")).toInstant())
                .isEqualTo(Instant.parse("2024-02-29T15:00:00Z"));
    }

    @Test
    void weeksStartOnMondayAndQuartersInJanuaryAprilJulyOctober() {
        Instant friday = Instant.parse("2024-03-01T12:00:00Z");
        assertThat(Granularity.WEEK.floor(friday, UTC).toInstant()).isEqualTo(Instant.parse("2024-02-26T00:00:00Z"));
        assertThat(Granularity.QUARTER
                        .floor(Instant.parse("2024-05-20T00:00:00Z"), UTC)
                        .toInstant())
                .isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
        assertThat(Granularity.QUARTER.buckets(
                        Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"), UTC))
                .isEqualTo(4);
        assertThat(Granularity.YEAR.buckets(
                        Instant.parse("2020-06-01T00:00:00Z"), Instant.parse("2024-06-01T00:00:00Z"), UTC))
                .isEqualTo(5);
    }
}
