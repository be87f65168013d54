package io.strata.ingestion.upload;

import io.micrometer.core.instrument.MeterRegistry;
import io.strata.ingestion.DatasetNames;
import io.strata.ingestion.IngestionMode;
import io.strata.ingestion.IngestionSettings;
import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.RowStats;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.TaskStatus;
import io.strata.ingestion.storage.ObjectSink;
import io.strata.ingestion.storage.ObjectStore;
import io.strata.ingestion.task.IngestionTasks;
import io.strata.ingestion.task.TaskChanges;
import io.strata.ingestion.task.Upload;
import io.strata.schema.DetectionResult;
import io.strata.schema.FileFormat;
import io.strata.schema.SchemaDetector;
import io.strata.schema.SchemaException;
import io.strata.schema.TooManyColumnsException;
import io.strata.schema.UnsupportedFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an upload stream into a stored, validated file and a task ready for Druid: the bytes are validated,
 * hashed and written to the object store in one pass on a worker thread, the objects become visible only when
 * the file passed validation, and every outcome is recorded: STORED with its spec, or FAILED with its reason.
 */
@Service
public class UploadPipeline {

    private static final Logger log = LoggerFactory.getLogger(UploadPipeline.class);
    private static final Duration MAX_HEARTBEAT = Duration.ofSeconds(10);
    /** Request body buffers read ahead of the worker thread that validates them. */
    private static final int BODY_PREFETCH = 16;

    private final IngestionTasks tasks;
    private final ObjectStore store;
    private final SpecFactory specs;
    private final IngestionSettings settings;
    private final Scheduler uploads;
    private final JsonMapper json;
    private final Duration heartbeat;
    private final UploadMetrics metrics;

    UploadPipeline(
            IngestionTasks tasks,
            ObjectStore store,
            SpecFactory specs,
            IngestionSettings settings,
            UploadScheduler uploads,
            JsonMapper json,
            MeterRegistry registry) {
        this.tasks = tasks;
        this.store = store;
        this.specs = specs;
        this.settings = settings;
        this.uploads = uploads.scheduler();
        this.json = json;
        this.heartbeat = heartbeat(settings.abandonedAfter());
        this.metrics = new UploadMetrics(registry);
    }

    /**
     * How often a streaming upload tells the other nodes it is alive: three times per {@code abandonedAfter} (and at
     * least every 10 s), so no node takes a live upload for one whose node died.
     */
    static Duration heartbeat(Duration abandonedAfter) {
        Duration third = abandonedAfter.dividedBy(3);
        return third.compareTo(MAX_HEARTBEAT) < 0 ? third : MAX_HEARTBEAT;
    }

    /**
     * Validates and stores an upload, and records its task as STORED (the task driver submits it to Druid).
     * Errors are {@link StrataException}s carrying the validation report where there is one; the task then ends
     * FAILED with the reason, and nothing becomes visible in the object store.
     */
    public Mono<UploadAccepted> upload(UploadRequest request, Flux<DataBuffer> body) {
        return Mono.defer(() -> {
            String dataset = DatasetNames.require(request.dataset());
            UUID uploadId = UUID.randomUUID();
            UUID taskId = UUID.randomUUID();
            String prefix = "uploads/" + dataset + "/" + uploadId + "/";
            Upload upload = new Upload(
                    uploadId,
                    dataset,
                    request.fileName(),
                    request.contentType(),
                    null,
                    null,
                    prefix + objectName(request.fileName()),
                    null,
                    null,
                    Instant.now(),
                    request.requestedBy());
            IngestionTask task = new IngestionTask(
                    taskId,
                    uploadId,
                    dataset,
                    request.mode(),
                    TaskStatus.RECEIVED,
                    "strata_" + dataset + "_" + taskId,
                    null,
                    RowStats.UNKNOWN,
                    null,
                    null,
                    null,
                    0,
                    1,
                    null,
                    null);
            return checkMode(dataset, request.mode())
                    .then(tasks.receive(upload, task))
                    .then(tasks.transition(taskId, TaskStatus.VALIDATING, "validating and storing", TaskChanges.NONE))
                    .then(validateAndStore(request, upload, task, body))
                    .doOnNext(accepted -> {
                        if (accepted.duplicate()) {
                            metrics.duplicate();
                        }
                    })
                    .doOnError(metrics::failed)
                    .onErrorResume(e -> fail(taskId, e).then(Mono.error(e)));
        });
    }

    private Mono<Void> checkMode(String dataset, IngestionMode mode) {
        if (mode != IngestionMode.CREATE) {
            return Mono.empty();
        }
        return tasks.dataset(dataset)
                .flatMap(existing -> Mono.error(new StrataException.InvalidInput("dataset '" + dataset + "' already "
                        + "exists: upload with mode=append to add rows, or mode=replace to replace them")));
    }

    private Mono<UploadAccepted> validateAndStore(
            UploadRequest request, Upload upload, IngestionTask task, Flux<DataBuffer> body) {
        Mono<Validated> work =
                Mono.fromCallable(() -> validate(request, upload, body)).subscribeOn(uploads);
        Flux<Validated> heartbeats = Flux.interval(heartbeat)
                .concatMap(tick -> tasks.heartbeat(task.id()))
                .thenMany(Flux.empty());
        return Flux.merge(work.flux(), heartbeats).next().flatMap(validated -> accept(request, upload, task, validated)
                .onErrorResume(e -> abort(validated).then(Mono.error(e))));
    }

    /** A request body as the blocking stream an upload worker thread reads (uploads, previews, the warm-up). */
    static InputStream bodyStream(Flux<DataBuffer> body) {
        return DataBufferUtils.subscriberInputStream(body, BODY_PREFETCH);
    }

    /** Runs on an upload worker thread: reads the whole body once, validating, hashing and storing it. */
    private Validated validate(UploadRequest request, Upload upload, Flux<DataBuffer> body) throws IOException {
        ObjectSink original = store.open(upload.objectKey(), request.contentType(), request.length());
        String normalizedKey =
                upload.objectKey().substring(0, upload.objectKey().lastIndexOf('/') + 1) + "normalized.jsonl";
        SinkOutputStream normalized = new SinkOutputStream(() -> store.open(normalizedKey, "application/x-ndjson"));
        try (InputStream in = bodyStream(body)) {
            CheckedInput checked =
                    new CheckedInput(in, original, settings.maxUploadSize().toBytes(), request.fileName());
            DetectionResult detection;
            try {
                detection = SchemaDetector.create(UploadLimits.apply(settings, request.detection()))
                        .detect(checked, request.fileName(), normalized);
            } catch (TooManyColumnsException e) {
                throw UploadLimits.refusal(e, request.fileName());
            } catch (UnsupportedFormatException e) {
                throw new StrataException.UnsupportedMedia(e.getMessage());
            } catch (SchemaException e) {
                throw new StrataException.Unprocessable(e.getMessage(), Map.of("file", request.fileName()));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            checked.drain();
            if (request.length() >= 0 && checked.count() != request.length()) {
                // The body ended before its announced length: the client (or a proxy) cut it off.
                throw new IOException(
                        "the body ended after " + checked.count() + " of its announced " + request.length() + " bytes");
            }
            return new Validated(
                    detection, original, normalized.sink(), normalizedKey, checked.count(), checked.sha256());
        } catch (IOException | RuntimeException e) {
            original.abort();
            if (normalized.sink() != null) {
                normalized.sink().abort();
            }
            if (e instanceof IOException io) {
                throw new StrataException.InvalidInput("the upload of " + request.fileName() + " was cut off after "
                        + original.size() + " bytes (" + io.getMessage() + "): send the file again");
            }
            throw e;
        }
    }

    private Mono<UploadAccepted> accept(UploadRequest request, Upload upload, IngestionTask task, Validated validated) {
        DetectionResult detection = validated.detection();
        metrics.validated(detection.report());
        if (!detection.report().withinBudget()) {
            return Mono.error(new StrataException.Unprocessable(
                    request.fileName() + " has too many bad rows: "
                            + detection.report().verdict(),
                    Map.of("schema", detection.schema(), "report", detection.report())));
        }
        if (validated.normalized() == null && detection.normalizedFormat() != null) {
            return Mono.error(new StrataException.Unprocessable(
                    request.fileName() + " holds no rows to ingest", Map.of("report", detection.report())));
        }
        Mono<UploadAccepted> duplicate = request.force()
                ? Mono.empty()
                : tasks.findByContent(upload.dataset(), validated.sha256()).flatMap(existing -> abort(validated)
                        .then(tasks.discard(task.id()))
                        .thenReturn(accepted(existing, detection, true)));
        return duplicate.switchIfEmpty(Mono.defer(() -> store(request, upload, task, validated)));
    }

    private Mono<UploadAccepted> store(UploadRequest request, Upload upload, IngestionTask task, Validated validated) {
        DetectionResult detection = validated.detection();
        boolean normalized = validated.normalized() != null;
        String druidKey = normalized ? validated.normalizedKey() : upload.objectKey();
        FileFormat druidFormat =
                normalized ? detection.normalizedFormat() : detection.schema().format();
        return Mono.fromCallable(() -> {
                    PlannedTask planned =
                            specs.plan(detection, request, task.druidTaskId(), store.druidUri(druidKey), druidFormat);
                    validated.original().complete();
                    if (normalized) {
                        validated.normalized().complete();
                    }
                    return planned;
                })
                .subscribeOn(uploads)
                .flatMap(planned -> tasks.stored(
                                upload.id(),
                                validated.size(),
                                validated.sha256(),
                                normalized ? druidKey : null,
                                json.writeValueAsString(detection))
                        .then(tasks.transition(
                                task.id(),
                                TaskStatus.STORED,
                                "validated " + detection.report().rows() + " rows and stored " + validated.size()
                                        + " bytes",
                                new TaskChanges(planned.taskJson(), null, null))))
                .switchIfEmpty(Mono.error(() -> new StrataException.InvalidInput("ingestion task " + task.id()
                        + " was canceled while " + request.fileName() + " was being uploaded")))
                .doOnNext(stored -> metrics.stored(validated.size()))
                .map(stored -> accepted(stored, detection, false));
    }

    private static UploadAccepted accepted(IngestionTask task, DetectionResult detection, boolean duplicate) {
        return new UploadAccepted(
                task.uploadId(),
                task.id(),
                task.dataset(),
                task.status(),
                task.druidTaskId(),
                detection.schema(),
                detection.report(),
                duplicate);
    }

    private Mono<Void> abort(Validated validated) {
        return Mono.<Void>fromRunnable(() -> {
                    validated.original().abort();
                    if (validated.normalized() != null) {
                        validated.normalized().abort();
                    }
                })
                .subscribeOn(uploads);
    }

    private Mono<Void> fail(UUID taskId, Throwable cause) {
        String reason = cause instanceof StrataException ? cause.getMessage() : "internal error while ingesting";
        if (!(cause instanceof StrataException)) {
            log.error("Upload task {} failed", taskId, cause);
        }
        return tasks.transition(taskId, TaskStatus.FAILED, reason, TaskChanges.error(reason))
                .then()
                .onErrorResume(e -> {
                    log.warn("Could not record the failure of task {}: {}", taskId, e.getMessage());
                    return Mono.empty();
                });
    }

    /** A file name safe as the last segment of an object key, keeping what the user would recognise. */
    static String objectName(String fileName) {
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return base.isEmpty() || base.startsWith(".") ? "upload" + base : base;
    }

    private record Validated(
            DetectionResult detection,
            ObjectSink original,
            ObjectSink normalized,
            String normalizedKey,
            long size,
            String sha256) {}
}
