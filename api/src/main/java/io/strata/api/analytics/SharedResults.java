package io.strata.api.analytics;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A result cache shared by every Strata node (the second tier behind each node's in-process cache). Keys already
 * hold the dataset's data version and the caller's row filter, so an entry is never stale and never crosses
 * filters; the tier only adds hits across nodes. It must never fail a query: an unavailable tier is a miss.
 *
 * <p>Threading: never blocks.
 */
public interface SharedResults {

    /** No shared tier: every lookup misses. */
    SharedResults NONE = new SharedResults() {
        @Override
        public Mono<List<Map<String, Object>>> get(String key) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> put(String key, List<Map<String, Object>> rows) {
            return Mono.empty();
        }
    };

    /** The rows stored under {@code key}; empty when absent or when the tier does not answer. */
    Mono<List<Map<String, Object>>> get(String key);

    /** Stores {@code rows}; completes (never fails) whether or not the tier took them. */
    Mono<Void> put(String key, List<Map<String, Object>> rows);
}
