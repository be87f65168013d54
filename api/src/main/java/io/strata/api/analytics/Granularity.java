package io.strata.api.analytics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** Time bucket sizes, as ISO-8601 periods for Druid's {@code TIME_FLOOR}. */
public enum Granularity {
    MINUTE("PT1M", ChronoUnit.MINUTES, 1),
    HOUR("PT1H", ChronoUnit.HOURS, 1),
    DAY("P1D", ChronoUnit.DAYS, 1),
    WEEK("P1W", ChronoUnit.WEEKS, 1),
    MONTH("P1M", ChronoUnit.MONTHS, 1),
    QUARTER("P3M", ChronoUnit.MONTHS, 3),
    YEAR("P1Y", ChronoUnit.YEARS, 1);

    private final String period;
    private final ChronoUnit unit;
    private final int amount;

    Granularity(String period, ChronoUnit unit, int amount) {
        this.period = period;
        this.unit = unit;
        this.amount = amount;
    }

    public String period() {
        return period;
    }

    /** The start of the bucket holding {@code instant} in {@code zone}, as Druid's TIME_FLOOR computes it. */
    public ZonedDateTime floor(Instant instant, ZoneId zone) {
        ZonedDateTime t = instant.atZone(zone);
        return switch (this) {
            case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case QUARTER -> t.truncatedTo(ChronoUnit.DAYS)
                    .withDayOfMonth(1)
                    .withMonth(((t.getMonthValue() - 1) / 3) * 3 + 1);
            case YEAR -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
        };
    }

    /** How many buckets of this size in {@code zone} the half-open range [start, end) touches. */
    public long buckets(Instant start, Instant end, ZoneId zone) {
        if (!start.isBefore(end)) {
            return 0;
        }
        ZonedDateTime first = floor(start, zone);
        ZonedDateTime last = floor(end.minusNanos(1), zone);
        return unit.between(first, last) / amount + 1;
    }
}
