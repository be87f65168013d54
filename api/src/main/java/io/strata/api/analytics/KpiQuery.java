package io.strata.api.analytics;

import io.strata.ingestion.StrataException;
import java.util.List;
import java.util.Objects;

/** Aggregate values over a dataset, optionally compared with the period of the same length just before. */
public record KpiQuery(
        String dataset, List<Measure> measures, Filter filter, Interval interval, boolean compareToPrevious) {

    public KpiQuery {
        Objects.requireNonNull(dataset, "dataset");
        interval = interval == null ? null : interval.checked("interval");
        if (measures == null || measures.isEmpty()) {
            throw new StrataException.InvalidInput("measures must name at least one measure");
        }
        measures = List.copyOf(measures);
        if (compareToPrevious && (interval == null || interval.start() == null || interval.end() == null)) {
            throw new StrataException.InvalidInput("compareToPrevious needs an interval with both start and end");
        }
    }
}
