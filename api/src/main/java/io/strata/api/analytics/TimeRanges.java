package io.strata.api.analytics;

import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The span of a dataset's timestamps, and intervals closed by it. Cached like any query (per data version). */
@Component
public class TimeRanges {

    private final QueryCache queries;

    TimeRanges(QueryCache queries) {
        this.queries = queries;
    }

    /**
     * [first timestamp, last timestamp + 1 ms) of the dataset as the caller may see it; empty when it has no
     * rows.
     */
    public Mono<Interval> of(DatasetModel model) {
        SqlQuery sql = new SqlQuery()
                .append("SELECT TIMESTAMP_TO_MILLIS(MIN(")
                .identifier("__time")
                .append(")) AS ")
                .identifier("first")
                .append(", TIMESTAMP_TO_MILLIS(MAX(")
                .identifier("__time")
                .append(")) AS ")
                .identifier("last");
        Predicates.from(sql, model, null, null);
        return queries.rows(model, DruidQuery.of(sql)).flatMap(rows -> {
            Map<String, Object> row = rows.isEmpty() ? Map.of() : rows.get(0);
            if (!(row.get("first") instanceof Number first) || !(row.get("last") instanceof Number last)) {
                return Mono.empty();
            }
            return Mono.just(
                    new Interval(Instant.ofEpochMilli(first.longValue()), Instant.ofEpochMilli(last.longValue() + 1)));
        });
    }

    /** {@code interval} with open ends closed by the dataset's time range; empty when nothing can match. */
    public Mono<Interval> bounded(DatasetModel model, Interval interval) {
        if (interval != null && interval.start() != null && interval.end() != null) {
            return Mono.just(interval);
        }
        return of(model).flatMap(range -> {
            Instant start = interval != null && interval.start() != null ? interval.start() : range.start();
            Instant end = interval != null && interval.end() != null ? interval.end() : range.end();
            return start.isBefore(end) ? Mono.just(new Interval(start, end)) : Mono.empty();
        });
    }
}
