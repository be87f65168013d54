package io.strata.api.analytics;

import graphql.GraphQLContext;
import io.strata.api.security.DatasetAccess;
import io.strata.api.security.SecurityScopes;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.task.Dataset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** GraphQL queries over datasets: their columns, measures and time range, KPIs, time series, top N and tables. */
@Controller
class AnalyticsController {

    private static final String MODELS = AnalyticsController.class.getName() + ".models";

    private final DatasetCatalog catalog;
    private final DatasetModels models;
    private final Kpis kpis;
    private final Timeseries timeseries;
    private final TopN topN;
    private final Tables tables;
    private final TimeRanges timeRanges;
    private final SecurityScopes scopes;
    private final DatasetDirectory directory;
    private final DatasetAccess access;

    AnalyticsController(
            DatasetCatalog catalog,
            DatasetModels models,
            Kpis kpis,
            Timeseries timeseries,
            TopN topN,
            Tables tables,
            TimeRanges timeRanges,
            SecurityScopes scopes,
            DatasetDirectory directory,
            DatasetAccess access) {
        this.directory = directory;
        this.access = access;
        this.catalog = catalog;
        this.models = models;
        this.kpis = kpis;
        this.timeseries = timeseries;
        this.topN = topN;
        this.tables = tables;
        this.timeRanges = timeRanges;
        this.scopes = scopes;
    }

    /** The datasets the caller may read; the others are not listed. */
    @QueryMapping
    Flux<DatasetView> datasets() {
        return scopes.current()
                .flatMapMany(scope -> access.readable(directory.datasets(), Dataset::name, scope))
                .concatMap(catalog::view);
    }

    /** Null when the dataset does not exist or the caller may not read it. */
    @QueryMapping
    Mono<DatasetView> dataset(@Argument String name) {
        return scopes.current()
                .flatMap(scope -> access.read(name, scope))
                .then(Mono.defer(() -> catalog.require(name)))
                .onErrorResume(StrataException.NotFound.class, e -> Mono.empty());
    }

    @SchemaMapping(typeName = "Dataset")
    Object dataVersion(DatasetView view) {
        return view.dataset().dataVersion();
    }

    @SchemaMapping(typeName = "Dataset")
    boolean rollup(DatasetView view) {
        return view.dataset().rollup();
    }

    @SchemaMapping(typeName = "Dataset")
    Object createdAt(DatasetView view) {
        return view.dataset().createdAt();
    }

    @SchemaMapping(typeName = "Dataset")
    Object updatedAt(DatasetView view) {
        return view.dataset().updatedAt();
    }

    @SchemaMapping(typeName = "Dataset")
    boolean available(DatasetView view) {
        return view.available();
    }

    @SchemaMapping(typeName = "Dataset")
    String unavailableReason(DatasetView view) {
        return view.unavailable();
    }

    /** Null for a dataset Druid has no data for ({@code available} says so, not an error). */
    @SchemaMapping(typeName = "Dataset")
    Mono<Long> rowCount(DatasetView view, GraphQLContext request) {
        if (!view.available()) {
            return Mono.empty();
        }
        KpiQuery count =
                new KpiQuery(view.name(), List.of(new Measure(DatasetModel.COUNT, null, null)), null, null, false);
        return model(view, request)
                .flatMap(model -> kpis.kpis(model, count, false))
                .map(values -> values.get(0).value() == null
                        ? 0L
                        : values.get(0).value().longValue());
    }

    @SchemaMapping(typeName = "Dataset")
    Mono<Interval> timeRange(DatasetView view, GraphQLContext request) {
        if (!view.available()) {
            return Mono.empty();
        }
        return model(view, request).flatMap(timeRanges::of);
    }

    @SchemaMapping(typeName = "Dataset")
    Mono<List<MeasureDefinition>> measures(DatasetView view, GraphQLContext request) {
        return model(view, request).map(DatasetModel::measures);
    }

    /**
     * The dataset's model as the caller sees it (measures, row filter), loaded once per request however many of its
     * fields ask for it.
     */
    private Mono<DatasetModel> model(DatasetView view, GraphQLContext request) {
        Map<String, Mono<DatasetModel>> loaded = request.computeIfAbsent(MODELS, key -> new ConcurrentHashMap<>());
        return loaded.computeIfAbsent(view.name(), name -> scopes.current()
                .flatMap(scope -> models.of(view, scope))
                .cache());
    }

    @QueryMapping(name = "kpis")
    Mono<List<KpiValue>> kpiValues(
            @Argument String dataset,
            @Argument List<Measure> measures,
            @Argument Filter filter,
            @Argument Interval interval,
            @Argument Boolean compareToPrevious) {
        return Mono.defer(() -> {
            KpiQuery query = new KpiQuery(dataset, measures, filter, interval, Boolean.TRUE.equals(compareToPrevious));
            return scopes.current().flatMap(scope -> kpis.kpis(query, scope));
        });
    }

    @QueryMapping(name = "timeseries")
    Mono<List<TimeBucket>> timeBuckets(
            @Argument String dataset,
            @Argument List<Measure> measures,
            @Argument Granularity granularity,
            @Argument Filter filter,
            @Argument Interval interval,
            @Argument String timeZone,
            @Argument String splitBy,
            @Argument Integer limit) {
        return Mono.defer(() -> {
            TimeseriesQuery query =
                    new TimeseriesQuery(dataset, measures, granularity, filter, interval, timeZone, splitBy, limit);
            return scopes.current().flatMap(scope -> timeseries.timeseries(query, scope));
        });
    }

    @QueryMapping(name = "topN")
    Mono<List<TopNEntry>> topEntries(
            @Argument String dataset,
            @Argument String dimension,
            @Argument Measure measure,
            @Argument Integer limit,
            @Argument Filter filter,
            @Argument Interval interval,
            @Argument Boolean exact) {
        return Mono.defer(() -> {
            TopNQuery query = new TopNQuery(
                    dataset,
                    dimension,
                    measure,
                    limit != null ? limit : TopNQuery.DEFAULT_LIMIT,
                    filter,
                    interval,
                    !Boolean.FALSE.equals(exact));
            return scopes.current().flatMap(scope -> topN.topN(query, scope));
        });
    }

    @QueryMapping(name = "table")
    Mono<RowConnection> tableRows(
            @Argument String dataset,
            @Argument List<String> dimensions,
            @Argument List<Measure> measures,
            @Argument Filter filter,
            @Argument Interval interval,
            @Argument List<OrderBy> orderBy,
            @Argument Integer first,
            @Argument String after) {
        return Mono.defer(() -> {
            TableQuery query = new TableQuery(
                    dataset,
                    dimensions,
                    measures,
                    filter,
                    interval,
                    orderBy,
                    first != null ? first : TableQuery.DEFAULT_FIRST,
                    after);
            return scopes.current().flatMap(scope -> tables.table(query, scope));
        });
    }
}
