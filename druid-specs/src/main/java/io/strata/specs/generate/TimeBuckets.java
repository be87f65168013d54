package io.strata.specs.generate;

import io.strata.specs.model.Granularity;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** Truncates UTC instants to Druid's standard granularities, as Druid does for time chunks. */
final class TimeBuckets {

    private TimeBuckets() {}

    static Instant floor(Instant t, Granularity.Standard g) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return switch (g) {
            case NONE -> t;
            case ALL -> Instant.EPOCH;
            case WEEK -> z.truncatedTo(ChronoUnit.DAYS)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .toInstant();
            case MONTH -> z.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
            case QUARTER -> z.truncatedTo(ChronoUnit.DAYS)
                    .withDayOfMonth(1)
                    .withMonth(((z.getMonthValue() - 1) / 3) * 3 + 1)
                    .toInstant();
            case YEAR -> z.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).toInstant();
            default -> {
                long step = g.approximateLength().toMillis();
                long millis = t.toEpochMilli();
                yield Instant.ofEpochMilli(Math.floorDiv(millis, step) * step);
            }
        };
    }

    /** The start of the bucket after the one holding {@code t}. */
    static Instant next(Instant t, Granularity.Standard g) {
        ZonedDateTime start = floor(t, g).atZone(ZoneOffset.UTC);
        return switch (g) {
            case NONE -> t.plusMillis(1);
            case ALL -> Instant.parse("9999-01-01T00:00:00Z");
            case WEEK -> start.plusWeeks(1).toInstant();
            case MONTH -> start.plusMonths(1).toInstant();
            case QUARTER -> start.plusMonths(3).toInstant();
            case YEAR -> start.plusYears(1).toInstant();
            default -> start.toInstant().plus(g.approximateLength());
        };
    }

    /**
     * Number of buckets of {@code g} that [min, max] touches (at least 1), computed from the first and last bucket's
     * starts, so it costs the same for a day of data as for a century (counting bucket by bucket took seconds for a
     * span of months at SECOND granularity, before an upload could be answered).
     */
    static long count(Instant min, Instant max, Granularity.Standard g) {
        if (g == Granularity.Standard.ALL) {
            return 1;
        }
        if (g == Granularity.Standard.NONE) {
            return Math.max(1, max.toEpochMilli() - min.toEpochMilli() + 1);
        }
        ZonedDateTime first = floor(min, g).atZone(ZoneOffset.UTC);
        ZonedDateTime last = floor(max, g).atZone(ZoneOffset.UTC);
        long steps =
                switch (g) {
                    case WEEK -> ChronoUnit.WEEKS.between(first, last);
                    case MONTH -> ChronoUnit.MONTHS.between(first, last);
                    case QUARTER -> ChronoUnit.MONTHS.between(first, last) / 3;
                    case YEAR -> ChronoUnit.YEARS.between(first, last);
                    default -> Duration.between(first, last).toMillis()
                            / g.approximateLength().toMillis();
                };
        return Math.max(1, steps + 1);
    }
}
