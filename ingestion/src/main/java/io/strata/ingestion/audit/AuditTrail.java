package io.strata.ingestion.audit;

import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The append-only audit log: who did what to which dataset, when, and how it ended. Entries are never changed or
 * deleted (the PostgreSQL table refuses both).
 *
 * <p>{@link #record} joins the caller's transaction when there is one, so a change and its entry commit together.
 */
public interface AuditTrail {

    /** Appends {@code entry}; completes when it is written. */
    Mono<Void> record(AuditEntry entry);

    /** Appends {@code entries} in order, at once where the store can (the SQL endpoint audits every query). */
    default Mono<Void> recordAll(java.util.List<AuditEntry> entries) {
        return reactor.core.publisher.Flux.fromIterable(entries)
                .concatMap(this::record)
                .then();
    }

    /**
     * Entries newest first, optionally narrowed, after the entry numbered {@code before} (exclusive) when given.
     *
     * @param actions only these actions; empty for all
     * @param subject only this actor, or null
     * @param dataset only this dataset, or null
     */
    Flux<AuditEntry> list(Set<AuditAction> actions, String subject, String dataset, Long before, int limit);
}
