package io.strata.api.analytics;

import io.strata.ingestion.StrataException;
import java.util.Objects;

/**
 * The values of a dimension with the highest measure.
 *
 * @param exact true for an exact ranking (a groupBy in Druid); false lets Druid use its approximate TopN engine
 */
public record TopNQuery(
        String dataset, String dimension, Measure measure, int limit, Filter filter, Interval interval, boolean exact) {

    public static final int DEFAULT_LIMIT = 10;

    public TopNQuery {
        Objects.requireNonNull(dataset, "dataset");
        interval = interval == null ? null : interval.checked("interval");
        if (dimension == null) {
            throw new StrataException.InvalidInput("dimension is required");
        }
        if (measure == null) {
            throw new StrataException.InvalidInput("measure is required");
        }
        if (limit < 1) {
            throw new StrataException.InvalidInput("limit must be at least 1, not " + limit);
        }
    }
}
