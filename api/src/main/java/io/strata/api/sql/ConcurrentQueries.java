package io.strata.api.sql;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** How many queries each client runs at once, over every protocol; a client is a token's subject. Thread-safe. */
final class ConcurrentQueries {

    private final int max;
    private final ConcurrentMap<String, Integer> running = new ConcurrentHashMap<>();

    ConcurrentQueries(int max) {
        this.max = max;
    }

    /** Takes a slot for {@code client}; 53400 when it already runs the most it may. Give it back with {@link #release}. */
    void acquire(String client) {
        running.compute(client, (c, count) -> {
            int n = count == null ? 0 : count;
            if (n >= max) {
                throw SqlException.limit(
                        "too many queries at once: a client may run " + max
                                + " at a time (strata.sql.max-concurrent-queries)",
                        "wait for your other queries to finish, or run them one after another");
            }
            return n + 1;
        });
    }

    void release(String client) {
        running.computeIfPresent(client, (c, count) -> count <= 1 ? null : count - 1);
    }

    int running(String client) {
        return running.getOrDefault(client, 0);
    }
}
