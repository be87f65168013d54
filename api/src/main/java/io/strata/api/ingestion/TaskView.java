package io.strata.api.ingestion;

import io.strata.ingestion.IngestionMode;
import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.TaskStatus;
import java.time.Instant;
import java.util.UUID;

/** An ingestion task as GraphQL's {@code IngestionTask} type shows it. */
record TaskView(
        UUID id,
        String dataset,
        IngestionMode mode,
        TaskStatus status,
        String druidTaskId,
        int attempt,
        Long rowsProcessed,
        Long rowsProcessedWithErrors,
        Long rowsThrownAway,
        Long rowsUnparseable,
        String error,
        Instant createdAt,
        Instant updatedAt,
        String specJson,
        long sequence) {

    static TaskView of(IngestionTask task) {
        return new TaskView(
                task.id(),
                task.dataset(),
                task.mode(),
                task.status(),
                task.druidTaskId(),
                task.attempt(),
                task.rows().processed(),
                task.rows().processedWithErrors(),
                task.rows().thrownAway(),
                task.rows().unparseable(),
                task.error(),
                task.createdAt(),
                task.updatedAt(),
                task.spec(),
                task.sequence());
    }
}
