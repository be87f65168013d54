package io.strata.ingestion.task;

import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.TaskStatus;
import java.time.Instant;

/**
 * The event published for every status change of an ingestion task (through the outbox, so it is never lost and
 * never published for a change that rolled back). Published to {@link #TOPIC} with the task id as key, so the
 * changes of one task stay in order; delivery is at least once, and readers drop copies by {@link #sequence}.
 *
 * @param sequence the transition's sequence number: it grows with every transition (of any task), and equals
 *     {@code task.sequence()} in a published event
 * @param from the previous status, null for the first
 * @param task the task as it is after the change (as it is now, in {@link IngestionTasks#history})
 */
public record IngestionTaskTransitioned(
        long sequence, TaskStatus from, TaskStatus to, String reason, IngestionTask task, Instant at) {

    public static final String TOPIC = "strata.ingestion.tasks";

    /** The event type, in the outbox and in the Kafka record's {@code event-type} header. */
    public static final String TYPE = "IngestionTaskTransitioned";
}
