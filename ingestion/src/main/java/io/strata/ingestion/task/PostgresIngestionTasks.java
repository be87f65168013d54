package io.strata.ingestion.task;

import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import io.strata.ingestion.Actor;
import io.strata.ingestion.IngestionMode;
import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.RowStats;
import io.strata.ingestion.TaskStatus;
import io.strata.ingestion.audit.AuditAction;
import io.strata.ingestion.audit.AuditOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** {@link IngestionTasks} in PostgreSQL over R2DBC. */
@Repository
class PostgresIngestionTasks implements IngestionTasks {

    private static final String TASK_COLUMNS = "id, upload_id, dataset, mode, status, druid_task_id, spec, "
            + "rows_processed, rows_processed_with_errors, rows_thrown_away, rows_unparseable, error, created_at, "
            + "updated_at, sequence, attempt, worker_lost_since, segments_at_submit";
    private static final String NEXT_SEQUENCE = "nextval('ingestion_task_transitions_id_seq')";
    private static final String FINAL = "('SUCCEEDED', 'FAILED', 'CANCELED')";

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final TaskMetrics metrics;

    PostgresIngestionTasks(
            DatabaseClient db,
            TransactionalOperator transactional,
            JsonMapper json,
            ApplicationEventPublisher events,
            MeterRegistry registry) {
        this.db = db;
        this.transactional = transactional;
        this.json = json;
        this.events = events;
        this.metrics = new TaskMetrics(registry);
    }

    @Override
    public Mono<IngestionTask> receive(Upload upload, IngestionTask task) {
        Mono<Long> insertUpload = db.sql("INSERT INTO uploads (id, dataset, file_name, content_type, object_key, "
                        + "requested_by, requested_client) VALUES (:id, :dataset, :fileName, :contentType, :objectKey, "
                        + ":requestedBy, :requestedClient)")
                .bind("id", upload.id())
                .bind("dataset", upload.dataset())
                .bind("fileName", upload.fileName())
                .bind("contentType", Parameter.fromOrEmpty(upload.contentType(), String.class))
                .bind("objectKey", upload.objectKey())
                .bind("requestedBy", upload.requestedBy().subject())
                .bind(
                        "requestedClient",
                        Parameter.fromOrEmpty(upload.requestedBy().clientId(), String.class))
                .fetch()
                .rowsUpdated();
        Mono<IngestionTask> insertTask = db.sql("INSERT INTO ingestion_tasks (id, upload_id, dataset, mode, status, "
                        + "druid_task_id, updated_at, sequence) VALUES (:id, :uploadId, :dataset, :mode, :status, "
                        + ":druidTaskId, now(), " + NEXT_SEQUENCE + ") RETURNING " + TASK_COLUMNS)
                .bind("id", task.id())
                .bind("uploadId", upload.id())
                .bind("dataset", task.dataset())
                .bind("mode", task.mode().name())
                .bind("status", TaskStatus.RECEIVED.name())
                .bind("druidTaskId", task.druidTaskId())
                .map(PostgresIngestionTasks::task)
                .one();
        return insertUpload
                .then(insertTask)
                .flatMap(created -> record(null, created, "upload received").thenReturn(created))
                .as(transactional::transactional);
    }

    @Override
    public Mono<IngestionTask> transition(UUID id, TaskStatus to, String reason, TaskChanges changes) {
        return change(id, to, reason, changes, false)
                .as(transactional::transactional)
                // Committed: the task driver on this node submits it now rather than at its next round.
                .doOnNext(task -> {
                    if (task.status() == TaskStatus.STORED) {
                        events.publishEvent(new TaskStored(task.id()));
                    }
                });
    }

    @Override
    public Mono<IngestionTask> resubmitted(UUID id, String druidTaskId, String spec, String reason) {
        // The new Druid task id first, so the transition's event carries it.
        return db.sql("UPDATE ingestion_tasks SET druid_task_id = :druidTaskId, attempt = attempt + 1, "
                        + "worker_lost_since = NULL WHERE id = :id AND status NOT IN " + FINAL)
                .bind("id", id)
                .bind("druidTaskId", druidTaskId)
                .fetch()
                .rowsUpdated()
                .then(change(id, TaskStatus.SUBMITTED, reason, new TaskChanges(spec, null, null), true))
                .as(transactional::transactional);
    }

    @Override
    public Mono<Void> workerLost(UUID id, Instant since) {
        return db.sql("UPDATE ingestion_tasks SET worker_lost_since = :since WHERE id = :id")
                .bind("id", id)
                .bind("since", since != null ? since.atOffset(java.time.ZoneOffset.UTC) : nullOf(OffsetDateTime.class))
                .fetch()
                .rowsUpdated()
                .then();
    }

    @Override
    public Mono<Void> segmentsAtSubmit(UUID id, String digest) {
        return db.sql("UPDATE ingestion_tasks SET segments_at_submit = :digest WHERE id = :id")
                .bind("id", id)
                .bind("digest", Parameter.fromOrEmpty(digest, String.class))
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * Moves a task to {@code to}; a change to another status is recorded in its history (and announced), and so is
     * one to the same status when {@code recordSameStatus} (a resubmission).
     */
    private Mono<IngestionTask> change(
            UUID id, TaskStatus to, String reason, TaskChanges changes, boolean recordSameStatus) {
        RowStats rows = changes.rows() != null ? changes.rows() : RowStats.UNKNOWN;
        return db.sql("SELECT status FROM ingestion_tasks WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(row -> TaskStatus.valueOf(row.get("status", String.class)))
                .one()
                .filter(from -> !from.isFinal())
                .flatMap(from -> db.sql("UPDATE ingestion_tasks SET status = :status, "
                                + "spec = COALESCE(:spec, spec), "
                                + "rows_processed = COALESCE(:processed, rows_processed), "
                                + "rows_processed_with_errors = COALESCE(:withErrors, rows_processed_with_errors), "
                                + "rows_thrown_away = COALESCE(:thrownAway, rows_thrown_away), "
                                + "rows_unparseable = COALESCE(:unparseable, rows_unparseable), "
                                + "error = COALESCE(:error, error), updated_at = now()"
                                // Only a recorded transition takes a sequence number: readers compare them.
                                + (from == to && !recordSameStatus ? "" : ", sequence = " + NEXT_SEQUENCE)
                                + " WHERE id = :id RETURNING " + TASK_COLUMNS)
                        .bind("id", id)
                        .bind("status", to.name())
                        .bind("spec", changes.spec() != null ? Json.of(changes.spec()) : nullOf(Json.class))
                        .bind("processed", Parameter.fromOrEmpty(rows.processed(), Long.class))
                        .bind("withErrors", Parameter.fromOrEmpty(rows.processedWithErrors(), Long.class))
                        .bind("thrownAway", Parameter.fromOrEmpty(rows.thrownAway(), Long.class))
                        .bind("unparseable", Parameter.fromOrEmpty(rows.unparseable(), Long.class))
                        .bind("error", Parameter.fromOrEmpty(changes.error(), String.class))
                        .map(PostgresIngestionTasks::task)
                        .one()
                        .flatMap(changed -> from == to && !recordSameStatus
                                ? Mono.just(changed)
                                : record(from, changed, reason).thenReturn(changed)));
    }

    @Override
    public Mono<IngestionTask> cancel(UUID id, String reason) {
        return change(id, TaskStatus.CANCELED, reason, TaskChanges.error(reason), false)
                .flatMap(canceled -> db.sql("UPDATE ingestion_tasks SET druid_shutdown_pending = true WHERE id = :id")
                        .bind("id", id)
                        .fetch()
                        .rowsUpdated()
                        .thenReturn(canceled))
                .as(transactional::transactional);
    }

    @Override
    public Flux<IngestionTask> pendingDruidShutdowns(int limit) {
        return db.sql("SELECT " + TASK_COLUMNS + " FROM ingestion_tasks WHERE druid_shutdown_pending ORDER BY "
                        + "updated_at LIMIT :limit")
                .bind("limit", limit)
                .map(PostgresIngestionTasks::task)
                .all();
    }

    @Override
    public Mono<Void> druidShutdownConfirmed(UUID id) {
        return db.sql("UPDATE ingestion_tasks SET druid_shutdown_pending = false WHERE id = :id")
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .then();
    }

    @Override
    public Flux<IngestionTask> open(String dataset, int limit) {
        return db.sql("SELECT " + TASK_COLUMNS + " FROM ingestion_tasks WHERE status NOT IN " + FINAL
                        + " AND (:dataset::text IS NULL OR dataset = :dataset) ORDER BY created_at, id LIMIT :limit")
                .bind("dataset", Parameter.fromOrEmpty(dataset, String.class))
                .bind("limit", limit)
                .map(PostgresIngestionTasks::task)
                .all();
    }

    @Override
    public Mono<IngestionTask> succeed(
            UUID id, String reason, TaskChanges changes, boolean rollup, String countColumn) {
        return change(id, TaskStatus.SUCCEEDED, reason, changes, false)
                .flatMap(task -> db.sql("INSERT INTO datasets (name, rollup, count_column, spec) "
                                + "VALUES (:name, :rollup, :countColumn, :spec) ON CONFLICT (name) DO UPDATE SET "
                                + "data_version = datasets.data_version + 1, rollup = EXCLUDED.rollup, "
                                + "count_column = EXCLUDED.count_column, spec = EXCLUDED.spec, updated_at = now()")
                        .bind("name", task.dataset())
                        .bind("rollup", rollup)
                        .bind("countColumn", Parameter.fromOrEmpty(countColumn, String.class))
                        .bind("spec", task.spec() != null ? Json.of(task.spec()) : nullOf(Json.class))
                        .fetch()
                        .rowsUpdated()
                        .thenReturn(task))
                .as(transactional::transactional)
                // Committed: this node's caches drop the dataset's old version before the caller asks again.
                .doOnNext(task -> events.publishEvent(new DatasetChanged(task.dataset())));
    }

    @Override
    public Mono<Void> stored(UUID uploadId, long sizeBytes, String sha256, String normalizedKey, String detection) {
        return db.sql("UPDATE uploads SET size_bytes = :size, sha256 = :sha, normalized_key = :normalizedKey, "
                        + "detection = :detection WHERE id = :id")
                .bind("id", uploadId)
                .bind("size", sizeBytes)
                .bind("sha", sha256)
                .bind("normalizedKey", Parameter.fromOrEmpty(normalizedKey, String.class))
                .bind("detection", Json.of(detection))
                .fetch()
                .rowsUpdated()
                .then();
    }

    @Override
    public Mono<Void> heartbeat(UUID taskId) {
        return db.sql("UPDATE ingestion_tasks SET updated_at = now() WHERE id = :id")
                .bind("id", taskId)
                .fetch()
                .rowsUpdated()
                .then();
    }

    @Override
    public Mono<IngestionTask> find(UUID id) {
        return db.sql("SELECT " + TASK_COLUMNS + " FROM ingestion_tasks WHERE id = :id")
                .bind("id", id)
                .map(PostgresIngestionTasks::task)
                .one();
    }

    @Override
    public Mono<Upload> upload(UUID id) {
        return db.sql("SELECT * FROM uploads WHERE id = :id")
                .bind("id", id)
                .map(row -> new Upload(
                        row.get("id", UUID.class),
                        row.get("dataset", String.class),
                        row.get("file_name", String.class),
                        row.get("content_type", String.class),
                        row.get("size_bytes", Long.class),
                        row.get("sha256", String.class),
                        row.get("object_key", String.class),
                        row.get("normalized_key", String.class),
                        jsonText(row, "detection"),
                        instant(row, "created_at"),
                        actor(row)))
                .one();
    }

    @Override
    public Mono<IngestionTask> findByContent(String dataset, String sha256) {
        return db.sql("SELECT t." + TASK_COLUMNS.replace(", ", ", t.") + " FROM ingestion_tasks t "
                        + "JOIN uploads u ON u.id = t.upload_id WHERE u.dataset = :dataset AND u.sha256 = :sha "
                        + "AND t.status NOT IN ('FAILED', 'CANCELED') ORDER BY t.created_at LIMIT 1")
                .bind("dataset", dataset)
                .bind("sha", sha256)
                .map(PostgresIngestionTasks::task)
                .one();
    }

    @Override
    public Mono<Void> discard(UUID taskId) {
        return db.sql("SELECT upload_id FROM ingestion_tasks WHERE id = :id")
                .bind("id", taskId)
                .map(row -> row.get("upload_id", UUID.class))
                .one()
                .flatMap(uploadId -> db.sql("DELETE FROM ingestion_task_transitions WHERE task_id = :id")
                        .bind("id", taskId)
                        .then()
                        .then(db.sql("DELETE FROM outbox WHERE event_key = :key")
                                .bind("key", taskId.toString())
                                .then())
                        .then(db.sql("DELETE FROM ingestion_tasks WHERE id = :id")
                                .bind("id", taskId)
                                .then())
                        .then(db.sql("DELETE FROM uploads WHERE id = :id")
                                .bind("id", uploadId)
                                .then()))
                .as(transactional::transactional);
    }

    @Override
    public Flux<IngestionTask> claimOpen(String owner, Duration lease, int limit) {
        return db.sql("UPDATE ingestion_tasks SET owner = :owner, lease_until = now() + make_interval(secs => :lease) "
                        + "WHERE id IN (SELECT id FROM ingestion_tasks WHERE status IN ('STORED', 'SUBMITTED', "
                        + "'RUNNING') AND (lease_until IS NULL OR lease_until < now() OR owner = :owner) "
                        + "ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING " + TASK_COLUMNS)
                .bind("owner", owner)
                .bind("lease", (double) lease.toSeconds())
                .bind("limit", limit)
                .map(PostgresIngestionTasks::task)
                .all();
    }

    @Override
    public Flux<IngestionTask> abandonedUploads(Duration after) {
        return db.sql("SELECT " + TASK_COLUMNS + " FROM ingestion_tasks WHERE status IN ('RECEIVED', 'VALIDATING') "
                        + "AND updated_at < now() - make_interval(secs => :after)")
                .bind("after", (double) after.toSeconds())
                .map(PostgresIngestionTasks::task)
                .all();
    }

    @Override
    public Flux<IngestionTask> list(String dataset, TaskStatus status, int limit, UUID after) {
        return db.sql("SELECT " + TASK_COLUMNS + " FROM ingestion_tasks WHERE (:dataset::text IS NULL OR dataset = "
                        + ":dataset) AND (:status::text IS NULL OR status = :status) AND (:after::uuid IS NULL OR "
                        + "(created_at, id) < (SELECT created_at, id FROM ingestion_tasks WHERE id = :after)) "
                        + "ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("dataset", Parameter.fromOrEmpty(dataset, String.class))
                .bind("status", Parameter.fromOrEmpty(status != null ? status.name() : null, String.class))
                .bind("after", after != null ? after : nullOf(UUID.class))
                .bind("limit", limit)
                .map(PostgresIngestionTasks::task)
                .all();
    }

    @Override
    public Flux<IngestionTaskTransitioned> history(UUID id) {
        return find(id).flatMapMany(task -> db.sql("SELECT id, from_status, to_status, reason, at FROM "
                        + "ingestion_task_transitions WHERE task_id = :id ORDER BY id")
                .bind("id", id)
                .map(row -> new IngestionTaskTransitioned(
                        row.get("id", Long.class),
                        row.get("from_status", String.class) != null
                                ? TaskStatus.valueOf(row.get("from_status", String.class))
                                : null,
                        TaskStatus.valueOf(row.get("to_status", String.class)),
                        row.get("reason", String.class),
                        task,
                        instant(row, "at")))
                .all());
    }

    @Override
    public Mono<Dataset> dataset(String name) {
        return db.sql("SELECT * FROM datasets WHERE name = :name")
                .bind("name", name)
                .map((Readable row) -> dataset(row))
                .one();
    }

    @Override
    public Flux<Dataset> datasets() {
        return db.sql("SELECT * FROM datasets ORDER BY name")
                .map((Readable row) -> dataset(row))
                .all();
    }

    private static final String HEAD =
            "SELECT name, data_version, rollup, count_column, NULL::jsonb AS spec, created_at, updated_at FROM datasets";

    @Override
    public Mono<Dataset> datasetHead(String name) {
        return db.sql(HEAD + " WHERE name = :name")
                .bind("name", name)
                .map((Readable row) -> dataset(row))
                .one();
    }

    @Override
    public Flux<Dataset> datasetHeads() {
        return db.sql(HEAD + " ORDER BY name")
                .map((Readable row) -> dataset(row))
                .all();
    }

    @Override
    public Mono<String> datasetSpec(String name) {
        return db.sql("SELECT spec::text AS spec FROM datasets WHERE name = :name AND spec IS NOT NULL")
                .bind("name", name)
                .map(row -> row.get("spec", String.class))
                .one();
    }

    private Mono<Void> record(TaskStatus from, IngestionTask task, String reason) {
        IngestionTaskTransitioned event =
                new IngestionTaskTransitioned(task.sequence(), from, task.status(), reason, task, Instant.now());
        Mono<Long> history = db.sql("INSERT INTO ingestion_task_transitions (id, task_id, from_status, to_status, "
                        + "reason, at) VALUES (:sequence, :id, :from, :to, :reason, :at)")
                .bind("sequence", task.sequence())
                .bind("id", task.id())
                .bind("from", Parameter.fromOrEmpty(from != null ? from.name() : null, String.class))
                .bind("to", task.status().name())
                .bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .bind("at", event.at().atOffset(java.time.ZoneOffset.UTC))
                .fetch()
                .rowsUpdated();
        Mono<Long> outbox = db.sql("INSERT INTO outbox (topic, event_key, event_type, payload) VALUES (:topic, :key, "
                        + ":type, :payload)")
                .bind("topic", IngestionTaskTransitioned.TOPIC)
                .bind("key", task.id().toString())
                .bind("type", IngestionTaskTransitioned.TYPE)
                .bind("payload", Json.of(json.writeValueAsString(event)))
                .fetch()
                .rowsUpdated();
        return history.then(outbox)
                .then(task.status().isFinal() ? audited(task, reason) : Mono.empty())
                .then(metrics.afterCommit(task));
    }

    /** A task's outcome goes to the audit log with the change, in the name of whoever uploaded its file. */
    private Mono<Void> audited(IngestionTask task, String reason) {
        String outcome =
                switch (task.status()) {
                    case SUCCEEDED -> AuditOutcome.SUCCEEDED.name();
                    default -> AuditOutcome.FAILED.name();
                };
        String detail = task.status() == TaskStatus.SUCCEEDED
                ? "ingested " + (task.rows().processed() != null ? task.rows().processed() + " rows" : "")
                : task.status() + (reason != null ? ": " + reason : "");
        return db.sql("INSERT INTO audit_log (subject, client_id, action, dataset, target, outcome, detail) "
                        + "SELECT COALESCE(u.requested_by, 'system'), u.requested_client, :action, :dataset, "
                        + ":target, :outcome, :detail FROM uploads u WHERE u.id = :upload")
                .bind("action", AuditAction.INGEST.name())
                .bind("dataset", task.dataset())
                .bind("target", task.id().toString())
                .bind("outcome", outcome)
                .bind("detail", detail.strip())
                .bind("upload", task.uploadId())
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static Actor actor(Readable row) {
        String subject = row.get("requested_by", String.class);
        return subject == null ? Actor.SYSTEM : new Actor(subject, row.get("requested_client", String.class));
    }

    private static IngestionTask task(Readable row) {
        return new IngestionTask(
                row.get("id", UUID.class),
                row.get("upload_id", UUID.class),
                row.get("dataset", String.class),
                IngestionMode.valueOf(row.get("mode", String.class)),
                TaskStatus.valueOf(row.get("status", String.class)),
                row.get("druid_task_id", String.class),
                jsonText(row, "spec"),
                new RowStats(
                        row.get("rows_processed", Long.class),
                        row.get("rows_processed_with_errors", Long.class),
                        row.get("rows_thrown_away", Long.class),
                        row.get("rows_unparseable", Long.class)),
                row.get("error", String.class),
                instant(row, "created_at"),
                instant(row, "updated_at"),
                row.get("sequence", Long.class),
                row.get("attempt", Integer.class),
                instant(row, "worker_lost_since"),
                row.get("segments_at_submit", String.class));
    }

    private static Dataset dataset(Readable row) {
        return new Dataset(
                row.get("name", String.class),
                row.get("data_version", Long.class),
                Boolean.TRUE.equals(row.get("rollup", Boolean.class)),
                row.get("count_column", String.class),
                jsonText(row, "spec"),
                instant(row, "created_at"),
                instant(row, "updated_at"));
    }

    private static String jsonText(Readable row, String column) {
        Json value = row.get(column, Json.class);
        return value != null ? value.asString() : null;
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value != null ? value.toInstant() : null;
    }

    private static <T> Parameter nullOf(Class<T> type) {
        return Parameter.empty(type);
    }
}
