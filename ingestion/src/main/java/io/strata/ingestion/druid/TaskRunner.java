package io.strata.ingestion.druid;

import io.strata.ingestion.RowStats;
import reactor.core.publisher.Mono;

/**
 * Druid's task API as the ingestion pipeline needs it. Every call fails with
 * {@link io.strata.ingestion.StrataException.UpstreamUnavailable} when Druid does not answer, so callers can
 * retry later.
 */
public interface TaskRunner {

    /** Submits a task whose spec carries its own id; submitting the same id again is not an error. */
    Mono<Void> submit(String druidTaskId, String taskJson);

    Mono<DruidTaskState> state(String druidTaskId);

    /** Row counts from the task's report; {@link RowStats#UNKNOWN} when it has none. */
    Mono<RowStats> rowStats(String druidTaskId);

    /**
     * Whether the worker at {@code location} still runs the task: asked of the worker itself, so a worker that died
     * (or was restarted and lost its tasks) is noticed at once, not when the overlord's view catches up.
     */
    Mono<WorkerAnswer> workerRuns(String druidTaskId, DruidTaskState.TaskLocation location);

    /** The task slots of the workers registered with the overlord. */
    Mono<WorkerSlots> workerSlots();

    /**
     * The ids of the datasource's used segments overlapping {@code intervals}, sorted; empty when it has none (or does
     * not exist).
     */
    Mono<java.util.List<String>> usedSegments(String dataSource, java.util.List<String> intervals);

    /** Asks Druid to stop the task. */
    Mono<Void> cancel(String druidTaskId);

    /**
     * True when the broker answers queries over every published segment of the datasource: SQL knows the table,
     * and no used segment waits to be loaded.
     */
    Mono<Boolean> isQueryable(String dataSource);
}
