package io.strata.api.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code burst} requests at once, refilled at {@code perSecond}. Buckets of clients
 * that went quiet are forgotten (they would be full again anyway). Thread-safe; never blocks.
 */
final class RateLimiter {

    private final double perSecond;
    private final int burst;
    private final LongSupplier nanos;
    private final Cache<String, Bucket> buckets;

    RateLimiter(double perSecond, int burst, LongSupplier nanos) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanos = nanos;
        long refillSeconds = (long) Math.ceil(burst / perSecond) + 1;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofSeconds(refillSeconds))
                .maximumSize(100_000)
                .build();
    }

    /**
     * Takes one token for {@code client}.
     *
     * @return 0 when allowed; else how many seconds until a token is available (at least 1)
     */
    long acquire(String client) {
        return buckets.get(client, c -> new Bucket(burst, nanos.getAsLong())).acquire();
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized long acquire() {
            long now = nanos.getAsLong();
            tokens = Math.min(burst, tokens + (now - updated) / 1e9 * perSecond);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }
}
