package io.strata.ingestion.task;

import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.TaskStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One subscriber's view of task sequence numbers: what to show of the current state (read from PostgreSQL) and of
 * the changes (received from Kafka, possibly before the state was read, possibly more than once). Not thread-safe:
 * fed one signal at a time.
 *
 * <p>Rules: changes that arrive before the current state wait for it. A task in the current state is shown, then
 * only its changes with a greater sequence number. A task absent from the current state (it was final then, or it
 * did not exist yet) is shown from its first transition (RECEIVED) on; changes of a task that was already final are
 * not news and are dropped.
 */
final class TaskSequences {

    /** Bounds the remembered tasks of a long-lived subscription; the oldest are forgotten first. */
    private static final int MAX_REMEMBERED = 10_000;

    private static final int MAX_EARLY = 10_000;

    sealed interface Signal {
        static Signal change(IngestionTask task) {
            return new Change(task);
        }

        static Signal current(List<IngestionTask> tasks) {
            return new Current(tasks);
        }
    }

    record Change(IngestionTask task) implements Signal {}

    record Current(List<IngestionTask> tasks) implements Signal {}

    private final Map<UUID, Long> shown = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private List<IngestionTask> early = new ArrayList<>();

    List<IngestionTask> accept(Signal signal) {
        if (signal instanceof Current current) {
            return current(current.tasks());
        }
        return change(((Change) signal).task());
    }

    private List<IngestionTask> current(List<IngestionTask> tasks) {
        List<IngestionTask> out = new ArrayList<>();
        for (IngestionTask task : tasks) {
            shown.put(task.id(), task.sequence());
            out.add(task);
        }
        List<IngestionTask> waiting = early;
        early = null;
        waiting.stream()
                .sorted(Comparator.comparingLong(IngestionTask::sequence))
                .forEach(change -> out.addAll(change(change)));
        return out;
    }

    private List<IngestionTask> change(IngestionTask task) {
        if (early != null) {
            if (early.size() >= MAX_EARLY) {
                throw new StrataException.UpstreamUnavailable(
                        "more than " + MAX_EARLY + " task changes arrived before the current state was read", null);
            }
            early.add(task);
            return List.of();
        }
        Long last = shown.get(task.id());
        boolean news = last != null ? task.sequence() > last : isFirstTransition(task);
        if (!news) {
            return List.of();
        }
        shown.put(task.id(), task.sequence());
        return List.of(task);
    }

    private static boolean isFirstTransition(IngestionTask task) {
        return task.status() == TaskStatus.RECEIVED;
    }
}
