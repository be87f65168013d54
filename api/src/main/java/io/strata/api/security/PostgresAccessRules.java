package io.strata.api.security;

import io.r2dbc.spi.Readable;
import io.strata.ingestion.audit.AuditAction;
import io.strata.ingestion.audit.AuditEntry;
import io.strata.ingestion.audit.AuditOutcome;
import io.strata.ingestion.audit.AuditTrail;
import io.strata.ingestion.task.DatasetChanged;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link AccessRules} in PostgreSQL. Every change advances the dataset's security version and writes its audit entry
 * in the same transaction, so a change, its announcement and its record commit together.
 */
@Repository
class PostgresAccessRules implements AccessRules {

    private static final String RULES = "SELECT dataset, 'grant' AS entry, principal_kind AS a, principal AS b, "
            + "permission AS c, granted_by AS who, granted_at AS at FROM dataset_grants WHERE dataset = ANY(:datasets) "
            + "UNION ALL SELECT dataset, 'policy', name, column_name, claim, created_by, created_at FROM row_policies "
            + "WHERE dataset = ANY(:datasets)";

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    PostgresAccessRules(
            DatabaseClient db,
            TransactionalOperator transactional,
            AuditTrail audit,
            ApplicationEventPublisher events) {
        this.db = db;
        this.transactional = transactional;
        this.audit = audit;
        this.events = events;
    }

    /** The rules of each of {@code datasets}, in one query. */
    @Override
    public Mono<Map<String, DatasetRules>> of(Collection<String> datasets) {
        if (datasets.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql(RULES)
                .bind("datasets", datasets.toArray(String[]::new))
                .map((Readable row) -> new RuleRow(
                        row.get("dataset", String.class),
                        row.get("entry", String.class),
                        row.get("a", String.class),
                        row.get("b", String.class),
                        row.get("c", String.class),
                        row.get("who", String.class),
                        row.get("at", OffsetDateTime.class)))
                .all()
                .collectList()
                .map(rows -> rules(datasets, rows));
    }

    /** Grants (or changes) {@code grant}'s permission to its principal. */
    @Override
    public Mono<AccessGrant> grant(AccessGrant grant, SecurityScope admin) {
        return db.sql("INSERT INTO dataset_grants (dataset, principal_kind, principal, permission, granted_by) VALUES "
                        + "(:dataset, :kind, :principal, :permission, :by) ON CONFLICT (dataset, principal_kind, "
                        + "principal) DO UPDATE SET permission = EXCLUDED.permission, granted_by = EXCLUDED.granted_by, "
                        + "granted_at = now() RETURNING granted_at")
                .bind("dataset", grant.dataset())
                .bind("kind", grant.kind().name())
                .bind("principal", grant.principal())
                .bind("permission", grant.permission().name())
                .bind("by", admin.subject())
                .map(row -> row.get("granted_at", OffsetDateTime.class))
                .one()
                .map(at -> new AccessGrant(
                        grant.dataset(),
                        grant.kind(),
                        grant.principal(),
                        grant.permission(),
                        admin.subject(),
                        at.toInstant()))
                .flatMap(granted -> changed(
                                grant.dataset(),
                                admin,
                                AuditAction.GRANT_ACCESS,
                                principal(grant),
                                grant.permission().name())
                        .thenReturn(granted))
                .as(transactional::transactional)
                .doOnNext(granted -> committed(grant.dataset()));
    }

    /** Removes the principal's grant; false when it had none. */
    @Override
    public Mono<Boolean> revoke(String dataset, PrincipalKind kind, String principal, SecurityScope admin) {
        return db.sql("DELETE FROM dataset_grants WHERE dataset = :dataset AND principal_kind = :kind AND "
                        + "principal = :principal")
                .bind("dataset", dataset)
                .bind("kind", kind.name())
                .bind("principal", principal)
                .fetch()
                .rowsUpdated()
                .flatMap(removed -> removed == 0
                        ? Mono.just(false)
                        : changed(
                                        dataset,
                                        admin,
                                        AuditAction.REVOKE_ACCESS,
                                        kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + principal,
                                        null)
                                .thenReturn(true))
                .as(transactional::transactional)
                .doOnNext(removed -> committed(dataset));
    }

    /** Creates or replaces a row policy. */
    @Override
    public Mono<RowPolicy> setPolicy(RowPolicy policy, SecurityScope admin) {
        return db.sql("INSERT INTO row_policies (dataset, name, column_name, claim, created_by) VALUES (:dataset, "
                        + ":name, :column, :claim, :by) ON CONFLICT (dataset, name) DO UPDATE SET column_name = "
                        + "EXCLUDED.column_name, claim = EXCLUDED.claim, created_by = EXCLUDED.created_by, "
                        + "created_at = now() RETURNING created_at")
                .bind("dataset", policy.dataset())
                .bind("name", policy.name())
                .bind("column", policy.column())
                .bind("claim", policy.claim().path())
                .bind("by", admin.subject())
                .map(row -> row.get("created_at", OffsetDateTime.class))
                .one()
                .map(at -> new RowPolicy(
                        policy.dataset(),
                        policy.name(),
                        policy.column(),
                        policy.claim(),
                        admin.subject(),
                        at.toInstant()))
                .flatMap(set -> changed(
                                policy.dataset(),
                                admin,
                                AuditAction.SET_ROW_POLICY,
                                policy.name(),
                                policy.column() + " IN claim " + policy.claim().path())
                        .thenReturn(set))
                .as(transactional::transactional)
                .doOnNext(set -> committed(policy.dataset()));
    }

    /** Removes a row policy; false when there was none of that name. */
    @Override
    public Mono<Boolean> dropPolicy(String dataset, String name, SecurityScope admin) {
        return db.sql("DELETE FROM row_policies WHERE dataset = :dataset AND name = :name")
                .bind("dataset", dataset)
                .bind("name", name)
                .fetch()
                .rowsUpdated()
                .flatMap(removed -> removed == 0
                        ? Mono.just(false)
                        : changed(dataset, admin, AuditAction.DROP_ROW_POLICY, name, null)
                                .thenReturn(true))
                .as(transactional::transactional)
                .doOnNext(removed -> committed(dataset));
    }

    /** The security version of every dataset whose rules ever changed. */
    @Override
    public Flux<SecurityVersion> versions() {
        return db.sql("SELECT dataset, version FROM dataset_security")
                .map(row -> new SecurityVersion(row.get("dataset", String.class), row.get("version", Long.class)))
                .all();
    }

    /** A change committed: this node's caches drop the dataset's rules before the admin's next request. */
    private void committed(String dataset) {
        events.publishEvent(new DatasetChanged(dataset));
    }

    /** A dataset's rules changed: the change's version and its audit entry. */
    private Mono<Void> changed(String dataset, SecurityScope admin, AuditAction action, String target, String detail) {
        return db.sql("INSERT INTO dataset_security (dataset, version) VALUES (:dataset, 1) ON CONFLICT (dataset) DO "
                        + "UPDATE SET version = dataset_security.version + 1")
                .bind("dataset", dataset)
                .fetch()
                .rowsUpdated()
                .then(audit.record(
                        AuditEntry.of(admin.actor(), action, dataset, target, AuditOutcome.SUCCEEDED, detail)));
    }

    private static String principal(AccessGrant grant) {
        return grant.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + grant.principal();
    }

    private static Map<String, DatasetRules> rules(Collection<String> datasets, List<RuleRow> rows) {
        Map<String, List<AccessGrant>> grants = new HashMap<>();
        Map<String, List<RowPolicy>> policies = new HashMap<>();
        for (RuleRow row : rows) {
            Instant when = row.at() != null ? row.at().toInstant() : null;
            if ("grant".equals(row.entry())) {
                grants.computeIfAbsent(row.dataset(), d -> new ArrayList<>())
                        .add(new AccessGrant(
                                row.dataset(),
                                PrincipalKind.valueOf(row.a()),
                                row.b(),
                                Permission.valueOf(row.c()),
                                row.who(),
                                when));
            } else {
                policies.computeIfAbsent(row.dataset(), d -> new ArrayList<>())
                        .add(new RowPolicy(row.dataset(), row.a(), row.b(), new ClaimPath(row.c()), row.who(), when));
            }
        }
        Map<String, DatasetRules> all = new HashMap<>();
        for (String dataset : datasets) {
            List<RowPolicy> ordered = new ArrayList<>(policies.getOrDefault(dataset, List.of()));
            ordered.sort(java.util.Comparator.comparing(RowPolicy::name));
            all.put(dataset, new DatasetRules(dataset, grants.getOrDefault(dataset, List.of()), ordered));
        }
        return all;
    }

    private record RuleRow(String dataset, String entry, String a, String b, String c, String who, OffsetDateTime at) {}
}
