package io.strata.ingestion.task;

import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.TaskStatus;
import java.time.Instant;

/**
 * The event published for every status change of an ingestion task (through the outbox, so it is never lost and
 * never published for a change that rolled back).
 *
 * @param from the previous status, null for the first
 * @param task the task as it is after the change
 */
public record IngestionTaskTransitioned(TaskStatus from, TaskStatus to, String reason, IngestionTask task, Instant at) {

    public static final String TOPIC = "strata.ingestion.tasks";
}
