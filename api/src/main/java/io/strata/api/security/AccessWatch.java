package io.strata.api.security;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ends a long-lived stream over a dataset as soon as its caller may no longer read it: on every security version of
 * the dataset it sees ({@link SecurityChanges}), the caller's access is checked again, and a revoked caller's stream
 * ends with the same NOT_FOUND a new request would get.
 */
@Component
public class AccessWatch {

    private final SecurityChanges changes;
    private final DatasetAccess access;

    AccessWatch(SecurityChanges changes, DatasetAccess access) {
        this.changes = changes;
        this.access = access;
    }

    /** {@code stream}, ended with NOT_FOUND once {@code caller} may no longer read {@code dataset}. */
    public <T> Flux<T> whileReadable(Flux<T> stream, String dataset, SecurityScope caller) {
        if (caller.isAdmin()) {
            return stream;
        }
        return Flux.defer(() -> {
            AtomicBoolean revoked = new AtomicBoolean();
            Mono<Boolean> revocation = changes.of(dataset)
                    .concatMap(version -> access.canRead(dataset, caller))
                    .filter(readable -> !readable)
                    .next()
                    .doOnNext(denied -> revoked.set(true));
            return stream.takeUntilOther(revocation)
                    .concatWith(Mono.defer(
                            () -> revoked.get() ? Mono.error(DatasetAccess.notFound(dataset)) : Mono.empty()));
        });
    }
}
