package io.strata.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a process of the stack that exited unexpectedly is started again: after a delay that doubles with each
 * restart inside {@code window} (from {@code firstDelay} up to {@code maxDelay}), and not at all once it has been
 * restarted {@code maxRestarts} times inside {@code window}: a process that keeps dying needs a person.
 */
record RestartPolicy(Duration firstDelay, Duration maxDelay, int maxRestarts, Duration window) {

    static final RestartPolicy DEFAULT =
            new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofMinutes(10));

    RestartPolicy {
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException(
                    "restart delays must grow from firstDelay to maxDelay: " + firstDelay + ", " + maxDelay);
        }
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative: " + maxRestarts);
        }
    }

    /**
     * The delay before the next restart, or empty when the limit is reached.
     *
     * @param earlierRestarts when the process was restarted before, any order
     */
    Optional<Duration> nextDelay(List<Instant> earlierRestarts, Instant now) {
        Instant since = now.minus(window);
        long recent = earlierRestarts.stream().filter(at -> at.isAfter(since)).count();
        if (recent >= maxRestarts) {
            return Optional.empty();
        }
        Duration delay = firstDelay.multipliedBy(1L << Math.min(recent, 20));
        return Optional.of(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }
}
