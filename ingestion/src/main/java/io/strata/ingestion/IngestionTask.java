package io.strata.ingestion;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One ingestion of one upload into one dataset, as Strata tracks it.
 *
 * @param druidTaskId the id Strata gives the Druid task (fixed before submission, so a retried submission is
 *     idempotent)
 * @param spec the exact ingestion spec submitted (JSON), null before it is generated
 * @param error why the task failed or was canceled, null otherwise
 * @param sequence the sequence number of the task's latest transition (0 before the first): it grows with every
 *     status change, across all tasks, so a reader that saw sequence {@code n} of a task ignores any copy of it
 *     numbered {@code n} or less
 */
public record IngestionTask(
        UUID id,
        UUID uploadId,
        String dataset,
        IngestionMode mode,
        TaskStatus status,
        String druidTaskId,
        String spec,
        RowStats rows,
        String error,
        Instant createdAt,
        Instant updatedAt,
        long sequence) {

    public IngestionTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(status, "status");
        rows = rows == null ? RowStats.UNKNOWN : rows;
    }
}
