package io.strata.api.analytics;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Druid SQL with bound parameters. Rows come back as column label to value. Fails with
 * {@link io.strata.ingestion.StrataException.UpstreamUnavailable} or
 * {@link io.strata.ingestion.StrataException.UpstreamTimeout} when Druid does not answer in time.
 */
public interface DruidSql {

    Mono<List<Map<String, Object>>> query(String sql, List<Object> parameters);
}
