package io.strata.api.observability;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.strata.api.analytics.DruidQuery;
import io.strata.api.analytics.DruidSql;
import io.strata.api.sql.DruidRows;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.observation.DataFetcherObservationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.ContextView;

/**
 * Every Druid query Strata sends, observed as {@code strata.druid.query{kind, outcome}}: Boot's observation handlers
 * make it a timer ({@code strata_druid_query_seconds} in Prometheus) and a span, a child of the request's, so one
 * trace holds a request and its Druid queries.
 * The kind is the GraphQL field that asked ({@code kpis}, {@code timeseries}, {@code topN}, {@code table},
 * {@code rowCount}, …) when a data fetcher's observation is in the Reactor context; {@code sql} for the SQL
 * endpoint; otherwise {@code catalog} for Druid's catalogs, {@code analytics} for the rest (live KPI pollers).
 * Outcome is {@code success}, {@code error} or {@code cancelled}. Nothing here blocks.
 */
final class DruidQueryTiming {

    static final String NAME = "strata.druid.query";

    private static final Logger log = LoggerFactory.getLogger(DruidQueryTiming.class);

    private final ObservationRegistry observations;

    DruidQueryTiming(ObservationRegistry observations) {
        this.observations = observations;
    }

    DruidSql timed(DruidSql druid) {
        return new DruidSql() {
            @Override
            public Mono<List<Map<String, Object>>> query(DruidQuery query) {
                return Mono.deferContextual(context -> {
                    String kind = kind(context, query.dataset() == null ? "catalog" : "analytics");
                    Observation observation = start(kind, context);
                    return druid.query(query)
                            .contextWrite(inner -> inner.put(ObservationThreadLocalAccessor.KEY, observation))
                            .doOnError(observation::error)
                            .doFinally(signal -> stop(observation, kind, signal));
                });
            }
        };
    }

    DruidRows timed(DruidRows druid) {
        return statement ->
                Flux.deferContextual(context -> observed(druid.stream(statement), kind(context, "sql"), context));
    }

    private <T> Flux<T> observed(Flux<T> answer, String kind, ContextView context) {
        Observation observation = start(kind, context);
        return answer.contextWrite(inner -> inner.put(ObservationThreadLocalAccessor.KEY, observation))
                .doOnError(observation::error)
                .doFinally(signal -> stop(observation, kind, signal));
    }

    private Observation start(String kind, ContextView context) {
        Observation parent = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        return Observation.createNotStarted(NAME, observations)
                .contextualName("druid " + kind)
                .lowCardinalityKeyValue("kind", kind)
                .parentObservation(parent)
                .start();
    }

    private static void stop(Observation observation, String kind, SignalType signal) {
        observation.lowCardinalityKeyValue("outcome", outcome(signal)).stop();
        log.debug("Druid {} query: {}", kind, outcome(signal));
    }

    private static String outcome(SignalType signal) {
        return switch (signal) {
            case ON_COMPLETE -> "success";
            case ON_ERROR -> "error";
            default -> "cancelled";
        };
    }

    /** The GraphQL field whose data fetcher runs this query, else {@code otherwise}. */
    static String kind(ContextView context, String otherwise) {
        Observation current = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        while (current != null) {
            if (current.getContext() instanceof DataFetcherObservationContext fetcher) {
                return fetcher.getEnvironment().getField().getName().toLowerCase(Locale.ROOT);
            }
            current = current.getContext().getParentObservation() instanceof Observation parent ? parent : null;
        }
        return otherwise;
    }
}
