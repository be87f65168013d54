package io.strata.api.analytics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.strata.api.security.RowFilter;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Runs Druid queries through an in-process cache that is never stale: an answer is keyed by the exact query (SQL
 * text, bound values, context — which already holds every resolved measure formula and the row-level filter), the
 * dataset's data version (advanced by every successful ingestion, so new data means new keys) and the caller's
 * row-level filter. Callers under the same filter share answers; callers under different ones never do.
 *
 * <p>Only successful answers are cached. A query whose subscriber goes away is cancelled, not finished for the
 * cache. Metrics: {@code cache.gets{cache=strata.analytics}} with result hit/miss.
 */
@Component
public class QueryCache {

    private final DruidSql druid;
    private final Cache<Key, List<Map<String, Object>>> cache;
    private final boolean enabled;

    QueryCache(DruidSql druid, AnalyticsSettings settings, MeterRegistry registry) {
        this.druid = druid;
        this.enabled = settings.cache().enabled();
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.cache().maxEntries())
                .expireAfterAccess(settings.cache().ttl())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "strata.analytics");
    }

    /** A cache built without Spring, for tests. */
    static QueryCache of(DruidSql druid, AnalyticsSettings settings) {
        return new QueryCache(druid, settings, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** The rows of {@code query}: cached when this exact question was answered at this data version. */
    public Mono<List<Map<String, Object>>> rows(DatasetModel dataset, DruidQuery query) {
        if (!enabled) {
            return druid.query(query);
        }
        Key key = new Key(dataset.name(), dataset.view().dataset().dataVersion(), dataset.rows(), query);
        return Mono.defer(() -> {
            List<Map<String, Object>> cached = cache.getIfPresent(key);
            return cached != null ? Mono.just(cached) : fresh(key);
        });
    }

    /** Asks Druid even when cached, and caches the answer: for pollers that look for changes. */
    public Mono<List<Map<String, Object>>> refresh(DatasetModel dataset, DruidQuery query) {
        Key key = new Key(dataset.name(), dataset.view().dataset().dataVersion(), dataset.rows(), query);
        return enabled ? fresh(key) : druid.query(query);
    }

    private Mono<List<Map<String, Object>>> fresh(Key key) {
        return druid.query(key.query()).map(rows -> {
            List<Map<String, Object>> copy = rows.stream().map(QueryCache::row).toList();
            cache.put(key, copy);
            return copy;
        });
    }

    private static Map<String, Object> row(Map<String, Object> row) {
        // Druid returns nulls; Map.copyOf refuses them, so keep an unmodifiable view of an ordered copy.
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(row));
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private record Key(String dataset, long dataVersion, RowFilter rows, DruidQuery query) {}
}
