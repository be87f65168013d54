package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.strata.specs.InvalidSpecException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A Druid simple granularity such as {@code DAY} or {@code none}, written as the JSON string it was read from (Druid
 * accepts any case; keeping the text keeps specs unchanged on a round trip). Period granularity objects are not
 * modelled.
 */
public record Granularity(@JsonValue String name) {

    public static final Granularity NONE = new Granularity("NONE");
    public static final Granularity SECOND = new Granularity("SECOND");
    public static final Granularity MINUTE = new Granularity("MINUTE");
    public static final Granularity FIFTEEN_MINUTE = new Granularity("FIFTEEN_MINUTE");
    public static final Granularity HOUR = new Granularity("HOUR");
    public static final Granularity DAY = new Granularity("DAY");
    public static final Granularity WEEK = new Granularity("WEEK");
    public static final Granularity MONTH = new Granularity("MONTH");
    public static final Granularity QUARTER = new Granularity("QUARTER");
    public static final Granularity YEAR = new Granularity("YEAR");
    public static final Granularity ALL = new Granularity("ALL");

    /** The granularities Druid knows by name, finest first, with their ISO-8601 period. */
    public enum Standard {
        NONE(null, Duration.ZERO),
        SECOND("PT1S", Duration.ofSeconds(1)),
        MINUTE("PT1M", Duration.ofMinutes(1)),
        FIVE_MINUTE("PT5M", Duration.ofMinutes(5)),
        TEN_MINUTE("PT10M", Duration.ofMinutes(10)),
        FIFTEEN_MINUTE("PT15M", Duration.ofMinutes(15)),
        THIRTY_MINUTE("PT30M", Duration.ofMinutes(30)),
        HOUR("PT1H", Duration.ofHours(1)),
        SIX_HOUR("PT6H", Duration.ofHours(6)),
        EIGHT_HOUR("PT8H", Duration.ofHours(8)),
        DAY("P1D", Duration.ofDays(1)),
        WEEK("P1W", Duration.ofDays(7)),
        MONTH("P1M", Duration.ofDays(30)),
        QUARTER("P3M", Duration.ofDays(91)),
        YEAR("P1Y", Duration.ofDays(365)),
        ALL(null, Duration.ofDays(365L * 10_000));

        private final String period;
        private final Duration approximateLength;

        Standard(String period, Duration approximateLength) {
            this.period = period;
            this.approximateLength = approximateLength;
        }

        /** ISO-8601 period, or empty for {@code NONE} and {@code ALL}. */
        public Optional<String> period() {
            return Optional.ofNullable(period);
        }

        /** Nominal length (months as 30 days); zero for {@code NONE}. */
        public Duration approximateLength() {
            return approximateLength;
        }
    }

    public Granularity {
        if (name == null || name.isBlank()) {
            throw new InvalidSpecException("granularity must not be blank");
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (Arrays.stream(Standard.values()).noneMatch(s -> s.name().equals(upper))) {
            throw InvalidSpecException.of(
                    "unknown granularity [%s]; expected one of %s", name, Arrays.toString(Standard.values()));
        }
    }

    @JsonCreator
    public static Granularity of(String name) {
        return new Granularity(name);
    }

    public static Granularity of(Standard standard) {
        return new Granularity(standard.name());
    }

    public Standard standard() {
        return Standard.valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** True when this granularity is the same as {@code other} regardless of how it was spelled. */
    public boolean sameAs(Granularity other) {
        return other != null && standard() == other.standard();
    }

    @Override
    public String toString() {
        return name;
    }
}
