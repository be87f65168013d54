package io.strata.ingestion.audit;

import io.strata.ingestion.Actor;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the append-only audit log.
 *
 * @param id increasing with the order entries were written; null before it is written
 * @param at when it was written; null before it is written
 * @param dataset the dataset concerned, or null
 * @param target what inside the dataset: a task id, a principal, a policy or measure name; or null
 * @param detail a human-readable account (the reason of a refusal, the granted permission), or null
 */
public record AuditEntry(
        Long id,
        Instant at,
        Actor actor,
        AuditAction action,
        String dataset,
        String target,
        AuditOutcome outcome,
        String detail) {

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** An entry to write: id and time are given by the log. */
    public static AuditEntry of(
            Actor actor, AuditAction action, String dataset, String target, AuditOutcome outcome, String detail) {
        return new AuditEntry(null, null, actor, action, dataset, target, outcome, detail);
    }
}
