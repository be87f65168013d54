package io.strata.api.security;

import io.strata.api.metadata.MetadataCache;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The security versions of datasets (advanced by every change to their access list or row policies, on whichever
 * node it was made): while anyone listens, they are read from PostgreSQL every
 * {@code strata.security.change-poll-interval} (one small query for all datasets), and the last reading is replayed
 * to newcomers. Long-lived subscriptions check their caller's access again on every version they see — the first
 * one included, which closes the gap between their own first check and the first reading they get.
 */
@Component
public class SecurityChanges {

    private static final Logger log = LoggerFactory.getLogger(SecurityChanges.class);

    private final Flux<Map<String, Long>> readings;

    public SecurityChanges(
            AccessRules rules,
            MetadataCache metadata,
            @Value("${strata.security.change-poll-interval:1s}") Duration interval) {
        AtomicReference<Map<String, Long>> last = new AtomicReference<>();
        // Deferred: the timer's scheduler is taken when the first listener arrives (virtual time in tests).
        this.readings = Flux.defer(() -> Flux.interval(Duration.ZERO, interval))
                .onBackpressureDrop()
                .concatMap(
                        tick -> rules.versions()
                                .collectMap(AccessRules.SecurityVersion::dataset, AccessRules.SecurityVersion::version)
                                .map(versions -> (Map<String, Long>) new HashMap<>(versions))
                                .onErrorResume(e -> {
                                    log.debug("Reading security versions failed, retrying: {}", e.getMessage());
                                    return Mono.empty();
                                }),
                        1)
                // Subscriptions re-check access on what this reading announces: the node's cached rules of every
                // dataset it shows changed (all of them, the first time) must not predate it, even if the change's
                // notification has not arrived yet.
                .doOnNext(versions -> {
                    Map<String, Long> before = last.getAndSet(versions);
                    versions.forEach((dataset, version) -> {
                        if (before == null || !version.equals(before.get(dataset))) {
                            metadata.changed(dataset);
                        }
                    });
                })
                .replay(1)
                .refCount();
    }

    /**
     * The security version of {@code dataset} (0 before its first change): the latest reading at once, then each
     * new version. Hot and infinite.
     */
    public Flux<Long> of(String dataset) {
        return readings.map(versions -> versions.getOrDefault(dataset, 0L)).distinctUntilChanged();
    }
}
