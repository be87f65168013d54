package io.strata.api.ingestion;

import io.strata.ingestion.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Creates the uploads bucket at start when it is missing (an unavailable store is reported, not fatal). */
@Component
class Startup {

    private static final Logger log = LoggerFactory.getLogger(Startup.class);

    private final ObjectStore store;

    Startup(ObjectStore store) {
        this.store = store;
    }

    @EventListener(ApplicationReadyEvent.class)
    Mono<Void> ensureBucket() {
        return store.ensureBucket().onErrorResume(e -> {
            log.warn("The uploads bucket could not be checked now; readiness reports it: {}", e.getMessage());
            return Mono.empty();
        });
    }
}
