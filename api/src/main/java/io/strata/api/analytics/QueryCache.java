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
 * <p>Behind it, an optional tier shared by every node ({@link SharedResults}, Redis): a miss here asks it before
 * Druid, and Druid's answers are stored in both.
 *
 * <p>Only successful answers are cached. A query whose subscriber goes away is cancelled, not finished for the
 * cache. Metrics: {@code cache.gets{cache=strata.analytics}} with result hit/miss.
 */
@Component
public class QueryCache {

    private final DruidSql druid;
    private final SharedResults shared;
    private final Cache<Key, List<Map<String, Object>>> cache;
    private final boolean enabled;

    QueryCache(DruidSql druid, SharedResults shared, AnalyticsSettings settings, MeterRegistry registry) {
        this.druid = druid;
        this.shared = shared;
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
        return of(druid, SharedResults.NONE, settings);
    }

    /** A cache over a shared tier, built without Spring, for tests. */
    static QueryCache of(DruidSql druid, SharedResults shared, AnalyticsSettings settings) {
        return new QueryCache(druid, shared, settings, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** The rows of {@code query}: cached when this exact question was answered at this data version. */
    public Mono<List<Map<String, Object>>> rows(DatasetModel dataset, DruidQuery query) {
        if (!enabled) {
            return druid.query(query);
        }
        Key key = new Key(dataset.name(), dataset.view().dataset().dataVersion(), dataset.rows(), query);
        return Mono.defer(() -> {
            List<Map<String, Object>> cached = cache.getIfPresent(key);
            if (cached != null) {
                return Mono.just(cached);
            }
            return shared.get(key.digest())
                    .doOnNext(rows -> cache.put(key, rows))
                    .switchIfEmpty(Mono.defer(() -> fresh(key)));
        });
    }

    /** Asks Druid even when cached, and caches the answer: for pollers that look for changes. */
    public Mono<List<Map<String, Object>>> refresh(DatasetModel dataset, DruidQuery query) {
        Key key = new Key(dataset.name(), dataset.view().dataset().dataVersion(), dataset.rows(), query);
        return enabled ? fresh(key) : druid.query(query);
    }

    private Mono<List<Map<String, Object>>> fresh(Key key) {
        return druid.query(key.query()).flatMap(rows -> {
            List<Map<String, Object>> copy = rows.stream().map(QueryCache::row).toList();
            cache.put(key, copy);
            return shared.put(key.digest(), copy).thenReturn(copy);
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

    private record Key(String dataset, long dataVersion, RowFilter rows, DruidQuery query) {

        /** The key as the shared tier stores it: a SHA-256 of every part, values with their types. */
        String digest() {
            StringBuilder text = new StringBuilder()
                    .append(dataset)
                    .append('\n')
                    .append(dataVersion)
                    .append('\n')
                    .append(rows)
                    .append('\n')
                    .append(query.sql())
                    .append('\n');
            for (Object parameter : query.parameters()) {
                text.append(parameter == null ? "null" : parameter.getClass().getSimpleName())
                        .append(':')
                        .append(parameter)
                        .append('\n');
            }
            new java.util.TreeMap<>(query.context())
                    .forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            try {
                byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(hash);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JVM", e);
            }
        }
    }
}
