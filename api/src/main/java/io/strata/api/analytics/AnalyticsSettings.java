package io.strata.api.analytics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits, cache and live-query settings of the analytics queries ({@code strata.analytics.*}). Zero or absent
 * values take the defaults below.
 *
 * @param maxRows the most rows one answer may hold (table page size, topN limit, timeseries buckets x splits)
 * @param maxBuckets the most time buckets a timeseries may span (interval / granularity)
 * @param maxSplits the most split values a timeseries may have
 * @param maxQueryDepth the deepest GraphQL selection accepted (20 by default: introspection, as GraphiQL sends
 *     it, nests about 14 levels)
 * @param maxQueryComplexity the most fields one GraphQL request may select (each field counts 1)
 */
@ConfigurationProperties("strata.analytics")
public record AnalyticsSettings(
        int maxRows,
        int maxBuckets,
        int maxSplits,
        int maxQueryDepth,
        int maxQueryComplexity,
        RateLimit rateLimit,
        Cache cache,
        Live live) {

    public AnalyticsSettings {
        maxRows = maxRows > 0 ? maxRows : 10_000;
        maxBuckets = maxBuckets > 0 ? maxBuckets : 5_000;
        maxSplits = maxSplits > 0 ? maxSplits : 100;
        maxQueryDepth = maxQueryDepth > 0 ? maxQueryDepth : 20;
        maxQueryComplexity = maxQueryComplexity > 0 ? maxQueryComplexity : 500;
        rateLimit = rateLimit != null ? rateLimit : new RateLimit(true, 0, 0);
        cache = cache != null ? cache : new Cache(true, 0, null, null, null);
        live = live != null ? live : new Live(null, null, null);
    }

    public static AnalyticsSettings defaults() {
        return new AnalyticsSettings(0, 0, 0, 0, 0, null, null, null);
    }

    /**
     * Per-client token bucket over GraphQL requests ({@code strata.analytics.rate-limit.*}); a client is its
     * authenticated principal, else its remote address.
     *
     * @param requestsPerSecond sustained rate
     * @param burst requests allowed at once after a quiet period
     */
    public record RateLimit(boolean enabled, double requestsPerSecond, int burst) {
        public RateLimit {
            requestsPerSecond = requestsPerSecond > 0 ? requestsPerSecond : 50;
            burst = burst > 0 ? burst : 100;
        }
    }

    /**
     * The in-process result cache ({@code strata.analytics.cache.*}). Entries are keyed by data version, so they
     * are never stale; the TTL only bounds memory held by versions nobody asks for any more.
     *
     * @param redis the optional tier shared by every node
     * @param responses also keep whole answers of analytics queries over HTTP ({@code ResponseCache}; on by default
     *     with the cache)
     */
    public record Cache(boolean enabled, long maxEntries, Duration ttl, Redis redis, Boolean responses) {
        public Cache {
            maxEntries = maxEntries > 0 ? maxEntries : 10_000;
            ttl = ttl != null ? ttl : Duration.ofMinutes(30);
            redis = redis != null ? redis : new Redis(false, null, null, null, null);
            responses = responses == null || responses;
        }
    }

    /**
     * The shared tier of the result cache ({@code strata.analytics.cache.redis.*}), off by default: with it, an
     * answer computed on one node is a hit on every other.
     *
     * @param url e.g. {@code redis://redis:6379/0} (password and TLS in the URL: {@code rediss://:secret@host})
     * @param keyPrefix prefix of Strata's keys, so several deployments can share a Redis
     * @param ttl how long an entry is kept (only bounds memory: keys hold the data version)
     * @param timeout how long a lookup may take before it counts as a miss
     */
    public record Redis(boolean enabled, String url, String keyPrefix, Duration ttl, Duration timeout) {
        public Redis {
            url = url != null && !url.isBlank() ? url : "redis://127.0.0.1:6379";
            keyPrefix = keyPrefix != null ? keyPrefix : "strata:results:";
            ttl = ttl != null ? ttl : Duration.ofMinutes(30);
            timeout = timeout != null ? timeout : Duration.ofMillis(250);
        }
    }

    /**
     * Live KPI subscriptions ({@code strata.analytics.live.*}).
     *
     * @param minRefresh the shortest refresh a subscriber may ask for
     * @param versionPollInterval how often PostgreSQL is asked whether a dataset's data version advanced, while
     *     anyone listens (the in-process fallback for an ingestion event feed)
     * @param retryBackoff how soon a refresh that failed upstream is tried again (doubling, up to the refresh period)
     */
    public record Live(Duration minRefresh, Duration versionPollInterval, Duration retryBackoff) {
        public Live {
            minRefresh = minRefresh != null ? minRefresh : Duration.ofSeconds(1);
            versionPollInterval = versionPollInterval != null ? versionPollInterval : Duration.ofSeconds(1);
            retryBackoff = retryBackoff != null ? retryBackoff : Duration.ofSeconds(1);
        }
    }
}
