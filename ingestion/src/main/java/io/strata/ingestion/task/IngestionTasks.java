package io.strata.ingestion.task;

import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.TaskStatus;
import java.time.Duration;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The durable record of uploads, tasks, their transitions and datasets. Every transition is written with its
 * history row and its outbox event in one transaction.
 */
public interface IngestionTasks {

    /** Records a new upload and its task in status RECEIVED. */
    Mono<IngestionTask> receive(Upload upload, IngestionTask task);

    /**
     * Moves a task to {@code to}, unless it is already final.
     *
     * @return the task after the change; empty when the task was already in a final status (nothing changed)
     */
    Mono<IngestionTask> transition(UUID id, TaskStatus to, String reason, TaskChanges changes);

    /**
     * Records that a task whose Druid worker was lost is submitted again as {@code druidTaskId} with {@code spec}:
     * status SUBMITTED (recorded in its history even when it was SUBMITTED already), the next attempt, no lost
     * worker.
     *
     * @return the task after the change; empty when it was already final
     */
    Mono<IngestionTask> resubmitted(UUID id, String druidTaskId, String spec, String reason);

    /** Records since when the task's worker has not been seen running it; null clears it. */
    Mono<Void> workerLost(UUID id, java.time.Instant since);

    /** Records the digest of the dataset's segments an append's current attempt was submitted over. */
    Mono<Void> segmentsAtSubmit(UUID id, String digest);

    /**
     * Moves an open task to CANCELED with {@code reason}, and marks its Druid task for shutdown (see
     * {@link #pendingDruidShutdowns}), in one transaction.
     *
     * @return the task after the change; empty when it was already final
     */
    Mono<IngestionTask> cancel(UUID id, String reason);

    /** Canceled tasks whose Druid task may still run: its shutdown was not yet confirmed. Oldest first. */
    Flux<IngestionTask> pendingDruidShutdowns(int limit);

    /** Records that Druid accepted the shutdown of a canceled task's Druid task (or never knew it). */
    Mono<Void> druidShutdownConfirmed(UUID id);

    /** Tasks not yet in a final status, of one dataset (or of all when null), oldest first. */
    Flux<IngestionTask> open(String dataset, int limit);

    /**
     * Marks a task SUCCEEDED and creates or advances its dataset (data version + 1), in one transaction.
     *
     * @return the task after the change; empty when it was already final
     */
    Mono<IngestionTask> succeed(UUID id, String reason, TaskChanges changes, boolean rollup, String countColumn);

    /** Records what validation found and where the file is stored. */
    Mono<Void> stored(UUID uploadId, long sizeBytes, String sha256, String normalizedKey, String detectionJson);

    /** Marks an upload in progress as alive, so recovery does not take it for abandoned. */
    Mono<Void> heartbeat(UUID taskId);

    Mono<IngestionTask> find(UUID id);

    Mono<Upload> upload(UUID id);

    /** A task of the dataset whose upload had this content and did not fail, if any. */
    Mono<IngestionTask> findByContent(String dataset, String sha256);

    /** Deletes a task, its history, its upload and its outbox events: for a request that turned out a duplicate. */
    Mono<Void> discard(UUID taskId);

    /**
     * Claims up to {@code limit} open tasks past upload (STORED, SUBMITTED, RUNNING) whose lease expired or that
     * {@code owner} already holds, for {@code lease}. Several nodes may call this concurrently: a task is claimed
     * by one at a time.
     */
    Flux<IngestionTask> claimOpen(String owner, Duration lease, int limit);

    /** Tasks still receiving or validating with no heartbeat for {@code after}: their node died mid-upload. */
    Flux<IngestionTask> abandonedUploads(Duration after);

    /** Tasks newest first, optionally of one dataset and status, after a cursor (a task id). */
    Flux<IngestionTask> list(String dataset, TaskStatus status, int limit, UUID after);

    /** The status history of a task, oldest first. */
    Flux<IngestionTaskTransitioned> history(UUID id);

    Mono<Dataset> dataset(String name);

    Flux<Dataset> datasets();

    /**
     * The dataset without its ingestion spec (null in the answer): for readers that need its data version on every
     * request and the spec only when the version changed ({@link #datasetSpec}).
     */
    Mono<Dataset> datasetHead(String name);

    /** Every dataset without its spec, by name. */
    Flux<Dataset> datasetHeads();

    /** The spec of the dataset's latest successful ingestion; empty when there is none. */
    Mono<String> datasetSpec(String name);
}
