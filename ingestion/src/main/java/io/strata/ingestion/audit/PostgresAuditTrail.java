package io.strata.ingestion.audit;

import io.r2dbc.spi.Readable;
import io.strata.ingestion.Actor;
import java.time.OffsetDateTime;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link AuditTrail} in PostgreSQL's {@code audit_log} (see V4__audit.sql). */
@Repository
class PostgresAuditTrail implements AuditTrail {

    private final DatabaseClient db;

    PostgresAuditTrail(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Void> record(AuditEntry entry) {
        return db.sql("INSERT INTO audit_log (subject, client_id, action, dataset, target, outcome, detail) "
                        + "VALUES (:subject, :client, :action, :dataset, :target, :outcome, :detail)")
                .bind("subject", entry.actor().subject())
                .bind("client", Parameter.fromOrEmpty(entry.actor().clientId(), String.class))
                .bind("action", entry.action().name())
                .bind("dataset", Parameter.fromOrEmpty(entry.dataset(), String.class))
                .bind("target", Parameter.fromOrEmpty(entry.target(), String.class))
                .bind("outcome", entry.outcome().name())
                .bind("detail", Parameter.fromOrEmpty(abbreviated(entry.detail()), String.class))
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** One statement for many entries: arrays of their fields, unnested in order. */
    @Override
    public Mono<Void> recordAll(java.util.List<AuditEntry> entries) {
        if (entries.size() == 1) {
            return record(entries.get(0));
        }
        int n = entries.size();
        String[] subjects = new String[n];
        String[] clients = new String[n];
        String[] actions = new String[n];
        String[] datasets = new String[n];
        String[] targets = new String[n];
        String[] outcomes = new String[n];
        String[] details = new String[n];
        for (int i = 0; i < n; i++) {
            AuditEntry entry = entries.get(i);
            subjects[i] = entry.actor().subject();
            clients[i] = entry.actor().clientId();
            actions[i] = entry.action().name();
            datasets[i] = entry.dataset();
            targets[i] = entry.target();
            outcomes[i] = entry.outcome().name();
            details[i] = abbreviated(entry.detail());
        }
        return db.sql("INSERT INTO audit_log (subject, client_id, action, dataset, target, outcome, detail) "
                        + "SELECT subject, client_id, action, dataset, target, outcome, detail "
                        + "FROM unnest(:subjects::text[], :clients::text[], :actions::text[], "
                        + ":datasets::text[], :targets::text[], :outcomes::text[], :details::text[]) "
                        + "WITH ORDINALITY AS e(subject, client_id, action, dataset, target, outcome, detail, n) "
                        + "ORDER BY n")
                .bind("subjects", subjects)
                .bind("clients", clients)
                .bind("actions", actions)
                .bind("datasets", datasets)
                .bind("targets", targets)
                .bind("outcomes", outcomes)
                .bind("details", details)
                .fetch()
                .rowsUpdated()
                .then();
    }

    @Override
    public Flux<AuditEntry> list(Set<AuditAction> actions, String subject, String dataset, Long before, int limit) {
        String[] names = actions.stream().map(Enum::name).sorted().toArray(String[]::new);
        return db.sql("SELECT * FROM audit_log WHERE (cardinality(:actions::text[]) = 0 OR action = ANY(:actions)) "
                        + "AND (:subject::text IS NULL OR subject = :subject) "
                        + "AND (:dataset::text IS NULL OR dataset = :dataset) "
                        + "AND (:before::bigint IS NULL OR id < :before) ORDER BY id DESC LIMIT :limit")
                .bind("actions", names)
                .bind("subject", Parameter.fromOrEmpty(subject, String.class))
                .bind("dataset", Parameter.fromOrEmpty(dataset, String.class))
                .bind("before", Parameter.fromOrEmpty(before, Long.class))
                .bind("limit", limit)
                .map((Readable row) -> entry(row))
                .all();
    }

    private static AuditEntry entry(Readable row) {
        OffsetDateTime at = row.get("at", OffsetDateTime.class);
        return new AuditEntry(
                row.get("id", Long.class),
                at != null ? at.toInstant() : null,
                new Actor(row.get("subject", String.class), row.get("client_id", String.class)),
                AuditAction.valueOf(row.get("action", String.class)),
                row.get("dataset", String.class),
                row.get("target", String.class),
                AuditOutcome.valueOf(row.get("outcome", String.class)),
                row.get("detail", String.class));
    }

    /** A refusal's message can hold a long validation summary; the log keeps its start. */
    private static String abbreviated(String detail) {
        return detail == null || detail.length() <= 2_000 ? detail : detail.substring(0, 2_000) + "…";
    }
}
