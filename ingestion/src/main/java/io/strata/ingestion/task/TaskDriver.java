package io.strata.ingestion.task;

import io.strata.ingestion.IngestionMode;
import io.strata.ingestion.IngestionSettings;
import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.TaskStatus;
import io.strata.ingestion.druid.TaskRunner;
import io.strata.ingestion.storage.ObjectStore;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives every open task to a final status: submits STORED tasks to Druid, follows them while they run, and
 * marks them SUCCEEDED only once the broker answers queries over the new data. Runs on every node; a lease in
 * PostgreSQL lets one node at a time drive a task, and a node that dies hands its tasks over when the lease
 * expires. If Druid is down, tasks wait and are retried; they are never dropped.
 *
 * <p>Each round also fails uploads that were cut off when their node died (aborting their stored parts), and shuts
 * down in Druid the tasks of canceled ingestions that Druid could not be told about when they were canceled.
 *
 * <p>Recovery: nothing is kept in memory between rounds. After a restart (of this node or another), every open task
 * whose lease expired is claimed again and reconciled with what Druid says of it: still running, finished, failed,
 * or unknown (then submitted again, which is idempotent).
 */
@Component
public class TaskDriver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskDriver.class);
    private static final int BATCH = 32;
    private static final int CONCURRENCY = 4;

    private final IngestionTasks tasks;
    private final TaskRunner druid;
    private final ObjectStore store;
    private final IngestionSettings settings;
    private final JsonMapper json;
    private final LostTasks lost;
    private final Clock clock;
    private final String owner = "node-" + UUID.randomUUID();
    /** Rounds asked for between ticks: a task just stored is submitted at once, not at the next tick. */
    private final Sinks.Many<Long> nudges = Sinks.many().multicast().directBestEffort();

    private Scheduler ticks;
    private volatile Disposable running;

    TaskDriver(IngestionTasks tasks, TaskRunner druid, ObjectStore store, IngestionSettings settings, JsonMapper json) {
        this.tasks = tasks;
        this.druid = druid;
        this.store = store;
        this.settings = settings;
        this.json = json;
        this.clock = Clock.systemUTC();
        this.lost = new LostTasks(tasks, druid, settings, json, clock);
    }

    /** A task's file was stored (and committed): run a round now. */
    @EventListener
    void on(TaskStored stored) {
        nudges.tryEmitNext(0L);
    }

    /**
     * Starts the rounds on a thread of their own. Restartable: {@link #stop()} then {@code start()} (a paused and
     * resumed context, a checkpoint and restore) starts them again on a new thread.
     */
    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        ticks = Schedulers.newSingle("strata-task-driver");
        running = Flux.merge(
                        Flux.interval(settings.pollInterval(), ticks),
                        nudges.asFlux().publishOn(ticks))
                .onBackpressureDrop()
                .concatMap(tick -> round().onErrorResume(e -> {
                    log.warn("Task driver round failed, retrying: {}", e.getMessage());
                    return Mono.empty();
                }))
                .subscribe();
    }

    /** One pass: recover abandoned uploads, then advance every task this node holds. */
    Mono<Void> round() {
        Mono<Void> abandoned = tasks.abandonedUploads(settings.abandonedAfter())
                .concatMap(this::failAbandoned)
                .then();
        Mono<Void> open = tasks.claimOpen(owner, settings.lease(), BATCH)
                .flatMap(this::advance, CONCURRENCY)
                .then();
        Mono<Void> canceled = tasks.pendingDruidShutdowns(BATCH)
                .flatMap(this::shutDown, CONCURRENCY)
                .then();
        return abandoned.then(open).then(canceled);
    }

    private Mono<Void> failAbandoned(IngestionTask task) {
        String reason = "the upload was cut off (the client or the Strata node handling it went away): upload the "
                + "file again";
        return tasks.upload(task.uploadId())
                .flatMap(upload -> store.abortIncomplete(
                        upload.objectKey().substring(0, upload.objectKey().lastIndexOf('/') + 1)))
                .then(tasks.transition(task.id(), TaskStatus.FAILED, reason, TaskChanges.error(reason)))
                .then();
    }

    private Mono<Void> advance(IngestionTask task) {
        Mono<?> step = pastDeadline(task)
                ? endAtDeadline(task)
                : switch (task.status()) {
                    case STORED -> submit(task);
                    case SUBMITTED, RUNNING -> follow(task);
                    default -> Mono.empty();
                };
        return step.then().onErrorResume(e -> {
            if (e instanceof StrataException.UpstreamUnavailable || e instanceof StrataException.UpstreamTimeout) {
                log.info("Task {} waits for Druid: {}", task.id(), e.getMessage());
                return Mono.empty();
            }
            String reason = e instanceof StrataException ? e.getMessage() : "internal error: " + e;
            log.warn("Task {} failed: {}", task.id(), reason, e);
            return tasks.transition(task.id(), TaskStatus.FAILED, reason, TaskChanges.error(reason))
                    .then();
        });
    }

    private boolean pastDeadline(IngestionTask task) {
        return task.createdAt() != null
                && task.createdAt().plus(settings.taskDeadline()).isBefore(clock.instant());
    }

    /** No task waits forever: one Druid has not finished by the deadline is shut down there and failed. */
    private Mono<IngestionTask> endAtDeadline(IngestionTask task) {
        String reason = "Druid did not finish the task within "
                + settings.taskDeadline().toMinutes()
                + " minutes of its upload (strata.ingestion.task-deadline), so it was shut down in Druid: upload the "
                + "file again once Druid has room, or raise the deadline for files that take longer";
        return druid.cancel(task.druidTaskId())
                .then(tasks.transition(task.id(), TaskStatus.FAILED, reason, TaskChanges.error(reason)));
    }

    private Mono<IngestionTask> submit(IngestionTask task) {
        return appendBaseline(task)
                .then(druid.submit(task.druidTaskId(), task.spec()))
                .then(submittedReason(task))
                .flatMap(reason -> tasks.transition(task.id(), TaskStatus.SUBMITTED, reason, TaskChanges.NONE))
                // Canceled while it was being submitted: the cancel may have reached Druid before the task did.
                .switchIfEmpty(Mono.defer(() -> druid.cancel(task.druidTaskId()).then(Mono.empty())));
    }

    /** An append's resubmission must know what the dataset held in its time range when it was first submitted. */
    private Mono<Void> appendBaseline(IngestionTask task) {
        if (task.mode() != IngestionMode.APPEND || task.segmentsAtSubmit() != null) {
            return Mono.empty();
        }
        return lost.digest(task).flatMap(digest -> tasks.segmentsAtSubmit(task.id(), digest));
    }

    /** Says whether the task will wait for a worker: none registered, or every slot busy. */
    private Mono<String> submittedReason(IngestionTask task) {
        String submitted = "submitted to Druid as " + task.druidTaskId();
        return druid.workerSlots()
                .map(slots -> slots.whyWaiting() == null
                        ? submitted
                        : submitted + "; waiting for a Druid worker: " + slots.whyWaiting())
                .onErrorReturn(submitted);
    }

    private Mono<Void> shutDown(IngestionTask canceled) {
        return druid.cancel(canceled.druidTaskId())
                .then(tasks.druidShutdownConfirmed(canceled.id()))
                .onErrorResume(e -> {
                    log.info(
                            "Druid task {} of canceled task {} waits for Druid: {}",
                            canceled.druidTaskId(),
                            canceled.id(),
                            e.getMessage());
                    return Mono.empty();
                });
    }

    private Mono<IngestionTask> follow(IngestionTask task) {
        return druid.state(task.druidTaskId()).flatMap(state -> switch (state.phase()) {
                // Accepted but not on a worker yet: not running. SUBMITTED says so, and its reason why it waits.
            case WAITING -> Mono.<IngestionTask>empty();
            case RUNNING -> lost.check(task, state)
                    .filter(runs -> runs && task.status() != TaskStatus.RUNNING)
                    .flatMap(runs -> tasks.transition(
                            task.id(),
                            TaskStatus.RUNNING,
                            "Druid is running the task"
                                    + (state.location() != null ? " on its worker at " + state.location() : ""),
                            TaskChanges.NONE));
            case UNKNOWN -> submit(task); // the overlord lost it (or never got it): submission is idempotent
            case FAILED -> LostTasks.failedForLostWorker(state.error())
                    ? lost.recover(task, "Druid failed it: " + state.error()).then(Mono.<IngestionTask>empty())
                    : druid.rowStats(task.druidTaskId())
                            .flatMap(rows -> tasks.transition(
                                    task.id(),
                                    TaskStatus.FAILED,
                                    "Druid failed the task: " + state.error(),
                                    new TaskChanges(null, rows, "Druid failed the task: " + state.error())));
            case SUCCESS -> druid.isQueryable(task.dataset())
                    .filter(queryable -> queryable)
                    .flatMap(queryable -> druid.rowStats(task.druidTaskId()))
                    .flatMap(rows -> tasks.succeed(
                            task.id(),
                            "Druid answers queries over the new data",
                            new TaskChanges(null, rows, null),
                            rollup(task.spec()),
                            countColumn(task.spec())));
        });
    }

    private boolean rollup(String spec) {
        return granularity(spec).path("rollup").asBoolean(true);
    }

    private String countColumn(String spec) {
        if (!rollup(spec)) {
            return null;
        }
        for (JsonNode metric :
                json.readTree(spec).path("spec").path("dataSchema").path("metricsSpec")) {
            if ("count".equals(metric.path("type").asString(""))) {
                return metric.path("name").asString();
            }
        }
        return null;
    }

    private JsonNode granularity(String spec) {
        return json.readTree(spec).path("spec").path("dataSchema").path("granularitySpec");
    }

    @Override
    public synchronized void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        if (ticks != null) {
            ticks.dispose();
            ticks = null;
        }
    }

    @Override
    public boolean isRunning() {
        Disposable current = running;
        return current != null && !current.isDisposed();
    }
}
