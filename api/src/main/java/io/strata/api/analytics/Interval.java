package io.strata.api.analytics;

import java.time.Instant;

/** A half-open time range [start, end); either end may be open (null). */
public record Interval(Instant start, Instant end) {

    public Interval {
        if (start != null && end != null && !start.isBefore(end)) {
            throw new io.strata.ingestion.StrataException.InvalidInput(
                    "interval start " + start + " must be before its end " + end);
        }
    }
}
