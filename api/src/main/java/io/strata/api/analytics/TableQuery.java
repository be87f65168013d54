package io.strata.api.analytics;

import io.strata.ingestion.StrataException;
import java.util.List;
import java.util.Objects;

/**
 * The distinct combinations of some dimensions with measures over each, sorted and paginated by keyset.
 *
 * @param orderBy sort keys (dimensions of the table or measure labels); the dimensions not named are appended,
 *     ascending, so the order is total and pages are stable
 * @param after the cursor of the last row seen, or null for the first page
 */
public record TableQuery(
        String dataset,
        List<String> dimensions,
        List<Measure> measures,
        Filter filter,
        Interval interval,
        List<OrderBy> orderBy,
        int first,
        String after) {

    public static final int DEFAULT_FIRST = 100;

    public TableQuery {
        Objects.requireNonNull(dataset, "dataset");
        interval = interval == null ? null : interval.checked("interval");
        if (dimensions == null || dimensions.isEmpty()) {
            throw new StrataException.InvalidInput("dimensions must name at least one dimension");
        }
        if (dimensions.stream().distinct().count() < dimensions.size()) {
            throw new StrataException.InvalidInput("dimensions must not repeat a dimension: " + dimensions);
        }
        dimensions = List.copyOf(dimensions);
        measures = measures == null ? List.of() : List.copyOf(measures);
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        if (first < 1) {
            throw new StrataException.InvalidInput("first must be at least 1, not " + first);
        }
    }
}
