package io.strata.api.security;

import io.strata.ingestion.Actor;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.audit.AuditAction;
import io.strata.ingestion.audit.AuditEntry;
import io.strata.ingestion.audit.AuditOutcome;
import io.strata.ingestion.audit.AuditTrail;
import reactor.core.publisher.Mono;

/**
 * Runs an action and writes its audit entry: SUCCEEDED when it completes, DENIED when the caller was not allowed
 * (NOT_FOUND or FORBIDDEN: nothing changed), FAILED otherwise. The action's own outcome is returned unchanged.
 */
public final class Audited {

    private Audited() {}

    public static <T> Mono<T> of(
            AuditTrail audit,
            Actor actor,
            AuditAction action,
            String dataset,
            String target,
            String detail,
            Mono<T> work) {
        return work.flatMap(result -> audit.record(
                                AuditEntry.of(actor, action, dataset, target, AuditOutcome.SUCCEEDED, detail))
                        .thenReturn(result))
                .onErrorResume(
                        e -> audit.record(AuditEntry.of(actor, action, dataset, target, outcome(e), e.getMessage()))
                                .onErrorResume(recording -> Mono.empty())
                                .then(Mono.error(e)));
    }

    private static AuditOutcome outcome(Throwable e) {
        return e instanceof StrataException domain
                        && (domain.kind() == StrataException.Kind.FORBIDDEN
                                || domain.kind() == StrataException.Kind.NOT_FOUND)
                ? AuditOutcome.DENIED
                : AuditOutcome.FAILED;
    }
}
