package io.strata.api.analytics;

import io.strata.api.analytics.DatasetModel.ResolvedMeasure;
import io.strata.api.security.SecurityScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Measures per time bucket, with Druid's {@code TIME_FLOOR} (period and time zone bound as values). The number of
 * buckets is checked before Druid is asked: interval / granularity in the time zone, with an open interval closed
 * by the dataset's own time range.
 *
 * <p>Split by a dimension, two queries run: the top split values by the first measure over the whole interval,
 * then the buckets of those values only. Buckets without rows are absent, not zero.
 */
@Service
public class Timeseries {

    private static final String TIME = "t";
    private static final String SPLIT = "s";

    private final DatasetModels models;
    private final QueryCache queries;
    private final TimeRanges timeRanges;
    private final AnalyticsSettings settings;

    Timeseries(DatasetModels models, QueryCache queries, TimeRanges timeRanges, AnalyticsSettings settings) {
        this.models = models;
        this.queries = queries;
        this.timeRanges = timeRanges;
        this.settings = settings;
    }

    public Mono<List<TimeBucket>> timeseries(TimeseriesQuery query, SecurityScope scope) {
        return models.require(query.dataset(), scope).flatMap(model -> {
            List<ResolvedMeasure> measures = Kpis.resolve(model, query.measures());
            String split = query.splitBy() == null ? null : Columns.require(model.view(), query.splitBy(), "splitBy");
            int splits = split == null ? 1 : splitLimit(query);
            return timeRanges
                    .bounded(model, query.interval())
                    .flatMap(bounds -> {
                        checkBuckets(query, bounds, splits);
                        if (split == null) {
                            return buckets(model, query, measures, null, List.of());
                        }
                        return topSplitValues(model, query, measures.get(0), split, splits)
                                .flatMap(values -> values.isEmpty()
                                        ? Mono.just(List.<TimeBucket>of())
                                        : buckets(model, query, measures, split, values));
                    })
                    .defaultIfEmpty(List.of());
        });
    }

    private int splitLimit(TimeseriesQuery query) {
        int limit = query.limit() != null ? query.limit() : TimeseriesQuery.DEFAULT_SPLITS;
        if (limit > settings.maxSplits()) {
            throw Limits.exceeded("limit", "strata.analytics.max-splits", settings.maxSplits(), limit, "split values");
        }
        return limit;
    }

    private void checkBuckets(TimeseriesQuery query, Interval bounds, int splits) {
        long buckets = query.granularity().buckets(bounds.start(), bounds.end(), query.zone());
        if (buckets > settings.maxBuckets()) {
            throw Limits.exceeded(
                    "granularity",
                    "strata.analytics.max-buckets",
                    settings.maxBuckets(),
                    buckets,
                    query.granularity() + " buckets from " + bounds.start() + " to " + bounds.end()
                            + "; choose a coarser granularity or a shorter interval");
        }
        long rows = Math.min(buckets, query.limit() != null && splits == 1 ? query.limit() : buckets) * splits;
        if (rows > settings.maxRows()) {
            throw Limits.exceeded(
                    "limit",
                    "strata.analytics.max-rows",
                    settings.maxRows(),
                    rows,
                    "rows (" + buckets + " buckets x " + splits + " split values)");
        }
    }

    /** {@code SELECT "split", <first measure> ... GROUP BY 1 ORDER BY 2 DESC LIMIT ?}, exact. */
    static SqlQuery topSplitSql(
            DatasetModel model, TimeseriesQuery query, ResolvedMeasure first, String split, int limit) {
        SqlQuery sql = new SqlQuery()
                .append("SELECT ")
                .identifier(split)
                .append(" AS ")
                .identifier(SPLIT);
        sql.append(", ");
        MeasureSql.append(sql, model, first.expression(), "measures[0]");
        sql.append(" AS ").identifier("m0");
        Predicates.from(sql, model, query.filter(), query.interval());
        sql.append(" GROUP BY 1 ORDER BY 2 DESC").limit(limit);
        return sql;
    }

    private Mono<List<Object>> topSplitValues(
            DatasetModel model, TimeseriesQuery query, ResolvedMeasure first, String split, int limit) {
        DruidQuery druid =
                DruidQuery.of(topSplitSql(model, query, first, split, limit)).withContext("useApproximateTopN", false);
        return queries.rows(model, druid).map(rows -> {
            List<Object> values = new ArrayList<>();
            rows.forEach(row -> values.add(row.get(SPLIT)));
            return values;
        });
    }

    /**
     * {@code SELECT TIMESTAMP_TO_MILLIS(TIME_FLOOR(__time, ?, NULL, ?)) AS t [, split AS s], <measures> ... GROUP BY
     * 1 [, 2] ORDER BY 1 [, 2]}.
     */
    static SqlQuery bucketSql(
            DatasetModel model,
            TimeseriesQuery query,
            List<ResolvedMeasure> measures,
            String split,
            List<Object> splitValues,
            int maxRows) {
        SqlQuery sql = new SqlQuery()
                .append("SELECT TIMESTAMP_TO_MILLIS(TIME_FLOOR(")
                .identifier("__time")
                .append(", ")
                .bind(query.granularity().period())
                .append(", NULL, ")
                .bind(query.timeZone())
                .append(")) AS ")
                .identifier(TIME);
        if (split != null) {
            sql.append(", ").identifier(split).append(" AS ").identifier(SPLIT);
        }
        for (int i = 0; i < measures.size(); i++) {
            sql.append(", ");
            MeasureSql.append(sql, model, measures.get(i).expression(), "measures[" + i + "]");
            sql.append(" AS ").identifier("m" + i);
        }
        Predicates.from(
                sql,
                model,
                query.filter(),
                query.interval(),
                split == null ? null : more -> inValues(more, split, splitValues));
        if (split != null) {
            sql.append(" GROUP BY 1, 2 ORDER BY 1, 2");
        } else {
            sql.append(" GROUP BY 1 ORDER BY 1");
        }
        int limit = split == null && query.limit() != null ? Math.min(query.limit(), maxRows) : maxRows;
        sql.limit(limit);
        return sql;
    }

    private static void inValues(SqlQuery sql, String split, List<Object> values) {
        List<Object> present = values.stream().filter(v -> v != null).toList();
        boolean withNull = present.size() < values.size();
        sql.append("(");
        if (!present.isEmpty()) {
            sql.identifier(split).append(" IN (");
            for (int i = 0; i < present.size(); i++) {
                sql.append(i == 0 ? "" : ", ").bind(present.get(i));
            }
            sql.append(")");
        }
        if (withNull) {
            sql.append(present.isEmpty() ? "" : " OR ").identifier(split).append(" IS NULL");
        }
        sql.append(")");
    }

    private Mono<List<TimeBucket>> buckets(
            DatasetModel model,
            TimeseriesQuery query,
            List<ResolvedMeasure> measures,
            String split,
            List<Object> splitValues) {
        SqlQuery sql = bucketSql(model, query, measures, split, splitValues, settings.maxRows());
        return queries.rows(model, DruidQuery.of(sql)).map(rows -> {
            List<TimeBucket> buckets = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                List<Double> values = new ArrayList<>();
                for (int i = 0; i < measures.size(); i++) {
                    values.add(Values.number(row.get("m" + i)));
                }
                buckets.add(new TimeBucket(
                        Values.millis(row.get(TIME)),
                        split == null ? null : Values.text(row.get(SPLIT)),
                        Kpis.labelled(measures, values, null)));
            }
            return buckets;
        });
    }
}
