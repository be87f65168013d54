package io.strata.ingestion.task;

import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.TaskStatus;
import io.strata.ingestion.druid.DruidTaskState;
import io.strata.ingestion.druid.TaskRunner;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Cancels ingestions on request. The task is CANCELED in PostgreSQL first (from then on no node advances it), then
 * Druid is asked to shut its task down; when Druid does not answer, the task driver keeps asking until it does, so
 * a canceled task never goes on running in Druid.
 */
@Service
public class TaskCancellation {

    private static final Logger log = LoggerFactory.getLogger(TaskCancellation.class);

    private final IngestionTasks tasks;
    private final TaskRunner druid;

    TaskCancellation(IngestionTasks tasks, TaskRunner druid) {
        this.tasks = tasks;
        this.druid = druid;
    }

    /**
     * Cancels a task. Idempotent: a CANCELED task is answered as it is.
     *
     * @param reason the caller's reason, or null
     * @return the CANCELED task
     * @throws StrataException.NotFound when there is no such task
     * @throws StrataException.InvalidInput when the task already SUCCEEDED or FAILED, or Druid already finished
     *     ingesting it (it becomes SUCCEEDED as soon as it is queryable)
     */
    public Mono<IngestionTask> cancel(UUID id, String reason) {
        String why = reason == null || reason.isBlank() ? "canceled on request" : "canceled on request: " + reason;
        return tasks.find(id)
                .switchIfEmpty(Mono.error(() -> new StrataException.NotFound("no ingestion task " + id)))
                .flatMap(task -> task.status().isFinal()
                        ? finalAlready(task)
                        : notFinishedInDruid(task)
                                .then(tasks.cancel(id, why))
                                .flatMap(this::shutDownInDruid)
                                // Became final meanwhile (finished, or canceled by someone else).
                                .switchIfEmpty(Mono.defer(() -> tasks.find(id).flatMap(this::finalAlready))));
    }

    private Mono<IngestionTask> finalAlready(IngestionTask task) {
        if (task.status() == TaskStatus.CANCELED) {
            return Mono.just(task);
        }
        return Mono.error(new StrataException.InvalidInput("ingestion task " + task.id() + " already ended "
                + task.status() + " at " + task.updatedAt() + "; only an unfinished task can be canceled"));
    }

    /** A task Druid already ingested cannot be undone by canceling it; say so rather than pretend. */
    private Mono<Void> notFinishedInDruid(IngestionTask task) {
        if (task.status() != TaskStatus.SUBMITTED && task.status() != TaskStatus.RUNNING) {
            return Mono.empty();
        }
        return druid.state(task.druidTaskId())
                .onErrorResume(StrataException.class, unavailable -> Mono.empty())
                .filter(state -> state.phase() == DruidTaskState.Phase.SUCCESS)
                .flatMap(state -> Mono.error(new StrataException.InvalidInput("ingestion task " + task.id()
                        + " cannot be canceled: Druid already ingested its rows, and it becomes SUCCEEDED as soon as "
                        + "they are queryable")));
    }

    private Mono<IngestionTask> shutDownInDruid(IngestionTask canceled) {
        return druid.cancel(canceled.druidTaskId())
                .then(tasks.druidShutdownConfirmed(canceled.id()))
                .onErrorResume(e -> {
                    log.info(
                            "Druid task {} of canceled task {} is shut down later: {}",
                            canceled.druidTaskId(),
                            canceled.id(),
                            e.getMessage());
                    return Mono.empty();
                })
                .thenReturn(canceled);
    }
}
