package io.strata.ingestion.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingestion.IngestionMode;
import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.RowStats;
import io.strata.ingestion.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskSequencesTest {

    final TaskSequences sequences = new TaskSequences();
    final UUID a = UUID.randomUUID();
    final UUID b = UUID.randomUUID();

    @Test
    void changesArrivingBeforeTheCurrentStateWaitForItAndOnlyNewerOnesFollowIt() {
        assertThat(change(a, TaskStatus.STORED, 3)).isEmpty();
        assertThat(change(a, TaskStatus.SUBMITTED, 7)).isEmpty();

        assertThat(current(task(a, TaskStatus.STORED, 3))).containsExactly("STORED#3", "SUBMITTED#7");
        assertThat(change(a, TaskStatus.RUNNING, 9)).containsExactly("RUNNING#9");
    }

    @Test
    void aChangeDeliveredTwiceIsShownOnce() {
        current(task(a, TaskStatus.STORED, 3));

        assertThat(change(a, TaskStatus.SUBMITTED, 5)).containsExactly("SUBMITTED#5");
        assertThat(change(a, TaskStatus.SUBMITTED, 5)).isEmpty();
        assertThat(change(a, TaskStatus.STORED, 3)).isEmpty();
        assertThat(change(a, TaskStatus.RUNNING, 6)).containsExactly("RUNNING#6");
    }

    @Test
    void aTaskCreatedAfterTheCurrentStateIsShownFromItsFirstTransitionOn() {
        current();

        assertThat(change(b, TaskStatus.RECEIVED, 10)).containsExactly("RECEIVED#10");
        assertThat(change(b, TaskStatus.VALIDATING, 11)).containsExactly("VALIDATING#11");
        assertThat(change(b, TaskStatus.RECEIVED, 10)).isEmpty();
    }

    @Test
    void lateCopiesOfATaskThatWasFinishedBeforeTheCurrentStateAreNotNews() {
        current(task(a, TaskStatus.RUNNING, 4));

        assertThat(change(b, TaskStatus.SUCCEEDED, 2)).isEmpty();
        assertThat(change(b, TaskStatus.RUNNING, 1)).isEmpty();
    }

    @Test
    void waitingChangesAreReleasedInSequenceOrder() {
        change(b, TaskStatus.RECEIVED, 12);
        change(a, TaskStatus.SUCCEEDED, 11);

        assertThat(current(task(a, TaskStatus.RUNNING, 8))).containsExactly("RUNNING#8", "SUCCEEDED#11", "RECEIVED#12");
    }

    private List<String> current(IngestionTask... tasks) {
        return names(sequences.accept(TaskSequences.Signal.current(List.of(tasks))));
    }

    private List<String> change(UUID id, TaskStatus status, long sequence) {
        return names(sequences.accept(TaskSequences.Signal.change(task(id, status, sequence))));
    }

    private static List<String> names(List<IngestionTask> tasks) {
        List<String> names = new ArrayList<>();
        tasks.forEach(task -> names.add(task.status() + "#" + task.sequence()));
        return names;
    }

    private static IngestionTask task(UUID id, TaskStatus status, long sequence) {
        return new IngestionTask(
                id,
                UUID.randomUUID(),
                "sales",
                IngestionMode.CREATE,
                status,
                "strata_sales_" + id,
                null,
                RowStats.UNKNOWN,
                null,
                Instant.EPOCH,
                Instant.EPOCH,
                sequence,
                1,
                null,
                null);
    }
}
