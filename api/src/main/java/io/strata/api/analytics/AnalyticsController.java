package io.strata.api.analytics;

import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** GraphQL queries over datasets: their columns and KPIs. */
@Controller
class AnalyticsController {

    private final DatasetCatalog catalog;
    private final Kpis kpis;

    AnalyticsController(DatasetCatalog catalog, Kpis kpis) {
        this.catalog = catalog;
        this.kpis = kpis;
    }

    @QueryMapping
    Flux<DatasetView> datasets() {
        return catalog.all();
    }

    @QueryMapping
    Mono<DatasetView> dataset(@Argument String name) {
        return catalog.require(name)
                .onErrorResume(io.strata.ingestion.StrataException.NotFound.class, e -> Mono.empty());
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
    Mono<Long> rowCount(DatasetView view) {
        return kpis.kpis(view.name(), List.of(new Measure(null, null, Aggregate.COUNT)), null, null, false)
                .map(values -> values.get(0).value() == null
                        ? 0L
                        : values.get(0).value().longValue());
    }

    @QueryMapping(name = "kpis")
    Mono<List<KpiValue>> kpiValues(
            @Argument String dataset,
            @Argument List<Measure> measures,
            @Argument Filter filter,
            @Argument Interval interval,
            @Argument Boolean compareToPrevious) {
        return kpis.kpis(dataset, measures, filter, interval, Boolean.TRUE.equals(compareToPrevious));
    }
}
