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
 * @param attempt which submission to Druid the task is at: 1, or 2 once it was resubmitted because the worker
 *     running it was lost
 * @param workerLostSince since when the worker Druid says runs the task has neither answered nor listed it; null
 *     while it does (or the task does not run)
 * @param segmentsAtSubmit for an append, a digest of the dataset's used segments in the file's intervals when the
 *     current attempt was submitted; null otherwise
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
        long sequence,
        int attempt,
        Instant workerLostSince,
        String segmentsAtSubmit) {

    public IngestionTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(status, "status");
        rows = rows == null ? RowStats.UNKNOWN : rows;
        attempt = Math.max(attempt, 1);
    }
}
