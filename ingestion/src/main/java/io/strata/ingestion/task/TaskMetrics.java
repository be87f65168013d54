package io.strata.ingestion.task;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.TaskStatus;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Task transitions as Prometheus sees them: {@code strata.ingestion.task.transitions{status}} counts every recorded
 * transition into a status on this node, and {@code strata.ingestion.task.duration{status}} times a task from its
 * upload's arrival to its final status (SUCCEEDED, FAILED, CANCELED). Counted once the transition commits, so a
 * rolled-back change is not counted.
 */
final class TaskMetrics {

    private final Map<TaskStatus, Counter> transitions = new EnumMap<>(TaskStatus.class);
    private final Map<TaskStatus, Timer> durations = new EnumMap<>(TaskStatus.class);

    TaskMetrics(MeterRegistry registry) {
        for (TaskStatus status : TaskStatus.values()) {
            transitions.put(
                    status,
                    Counter.builder("strata.ingestion.task.transitions")
                            .description("Recorded task transitions, by the status entered")
                            .tag("status", status.name())
                            .register(registry));
            if (status.isFinal()) {
                durations.put(
                        status,
                        Timer.builder("strata.ingestion.task.duration")
                                .description("From an upload's arrival to its task's final status")
                                .tag("status", status.name())
                                .register(registry));
            }
        }
    }

    /** Counts {@code task}'s transition when the current transaction commits (at once outside one). */
    Mono<Void> afterCommit(IngestionTask task) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(sync -> {
                    if (!sync.isSynchronizationActive()) {
                        return Mono.<Void>fromRunnable(() -> transitioned(task));
                    }
                    sync.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public Mono<Void> afterCommit() {
                            return Mono.fromRunnable(() -> transitioned(task));
                        }
                    });
                    return Mono.<Void>empty();
                })
                .onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(() -> transitioned(task)));
    }

    void transitioned(IngestionTask task) {
        transitions.get(task.status()).increment();
        Timer duration = durations.get(task.status());
        if (duration != null && task.createdAt() != null && task.updatedAt() != null) {
            duration.record(Duration.between(task.createdAt(), task.updatedAt()));
        }
    }
}
