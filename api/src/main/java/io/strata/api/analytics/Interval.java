package io.strata.api.analytics;

import io.strata.ingestion.StrataException;
import java.time.Instant;
import java.util.Map;

/**
 * A half-open time range [start, end); either end may be open (null). Not validated on construction (GraphQL binds
 * arguments through the constructor, where an exception would lose its error code): queries call {@link
 * #checked(String)}.
 */
public record Interval(Instant start, Instant end) {

    /** This interval; BAD_REQUEST naming {@code field} when its start is not before its end. */
    public Interval checked(String field) {
        if (start != null && end != null && !start.isBefore(end)) {
            throw new StrataException.InvalidInput(
                    field + ": start " + start + " must be before end " + end, Map.of("field", field));
        }
        return this;
    }
}
