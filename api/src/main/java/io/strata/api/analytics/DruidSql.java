package io.strata.api.analytics;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Druid SQL with bound parameters. Rows come back as column label to value, in the order Druid returns them.
 *
 * <p>Each query carries the caller's correlation id (from the Reactor context, see
 * {@link io.strata.api.correlation.CorrelationId}) in its Druid {@code sqlQueryId}, has a timeout, and is cancelled
 * in Druid when the subscriber cancels. Fails with {@link io.strata.ingestion.StrataException.UpstreamUnavailable}
 * or {@link io.strata.ingestion.StrataException.UpstreamTimeout} when Druid does not answer in time, and with
 * {@link io.strata.ingestion.StrataException.InvalidInput} when Druid rejects the query. Nothing blocks the
 * subscribing thread.
 */
public interface DruidSql {

    Mono<List<Map<String, Object>>> query(DruidQuery query);

    default Mono<List<Map<String, Object>>> query(String sql, List<Object> parameters) {
        return query(new DruidQuery(sql, parameters, Map.of()));
    }
}
