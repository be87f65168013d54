package io.strata.api.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells when a dataset's access list or row policies change, on whichever node the change was made: while anyone
 * listens, the datasets' security versions are read from PostgreSQL every
 * {@code strata.security.change-poll-interval} (one small query for all datasets). Long-lived subscriptions use it
 * to check their caller's access again at once, so a revoked grant ends them and a new policy applies to them.
 */
@Component
public class SecurityChanges {

    private static final Logger log = LoggerFactory.getLogger(SecurityChanges.class);

    private final Flux<String> changes;

    public SecurityChanges(AccessRules rules, @Value("${strata.security.change-poll-interval:1s}") Duration interval) {
        Map<String, Long> known = new ConcurrentHashMap<>();
        boolean[] baseline = {false};
        // Deferred: the timer's scheduler is taken when the first listener arrives (virtual time in tests).
        this.changes = Flux.defer(() -> Flux.interval(Duration.ZERO, interval))
                .onBackpressureDrop()
                .concatMap(
                        tick -> rules.versions()
                                .collectList()
                                .onErrorResume(e -> {
                                    log.debug("Reading security versions failed, retrying: {}", e.getMessage());
                                    return Mono.empty();
                                })
                                .flatMapIterable(versions -> {
                                    java.util.List<String> changed = new java.util.ArrayList<>();
                                    synchronized (known) {
                                        for (AccessRules.SecurityVersion v : versions) {
                                            Long before = known.put(v.dataset(), v.version());
                                            if (baseline[0] && (before == null || before < v.version())) {
                                                changed.add(v.dataset());
                                            }
                                        }
                                        baseline[0] = true;
                                    }
                                    return changed;
                                }),
                        1)
                .doFinally(signal -> {
                    synchronized (known) {
                        known.clear();
                        baseline[0] = false;
                    }
                })
                .share();
    }

    /** The names of datasets whose rules change from now on. Hot and infinite. */
    public Flux<String> changes() {
        return changes;
    }

    /** The changes of one dataset's rules from now on. */
    public Flux<String> of(String dataset) {
        return changes.filter(dataset::equals);
    }
}
