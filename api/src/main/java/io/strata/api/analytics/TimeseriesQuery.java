package io.strata.api.analytics;

import io.strata.ingestion.StrataException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Measures per time bucket, optionally split by a dimension.
 *
 * @param timeZone an IANA zone id; buckets start at midnight (etc.) in it
 * @param limit with splitBy: how many split values, the top ones by the first measure (default 10); without: the
 *     most buckets returned, earliest first; null for no limit beyond the configured ones
 */
public record TimeseriesQuery(
        String dataset,
        List<Measure> measures,
        Granularity granularity,
        Filter filter,
        Interval interval,
        String timeZone,
        String splitBy,
        Integer limit) {

    public static final int DEFAULT_SPLITS = 10;

    public TimeseriesQuery {
        Objects.requireNonNull(dataset, "dataset");
        interval = interval == null ? null : interval.checked("interval");
        if (measures == null || measures.isEmpty()) {
            throw new StrataException.InvalidInput("measures must name at least one measure");
        }
        measures = List.copyOf(measures);
        if (granularity == null) {
            throw new StrataException.InvalidInput("granularity is required");
        }
        timeZone = timeZone != null ? timeZone : "UTC";
        zone(timeZone);
        if (limit != null && limit < 1) {
            throw new StrataException.InvalidInput("limit must be at least 1, not " + limit);
        }
    }

    public ZoneId zone() {
        return zone(timeZone);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new StrataException.InvalidInput(
                    "timeZone '" + id + "' is not a time zone id such as UTC, Europe/Paris or America/New_York",
                    java.util.Map.of("field", "timeZone"));
        }
    }
}
