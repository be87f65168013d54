package io.strata.ingestion.task;

import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.events.EventSettings;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Live views of ingestion tasks for subscribers: first the current state from PostgreSQL, then every change as
 * this node receives it from Kafka. The event stream is subscribed before the state is read, and every change
 * carries its sequence number, so a change is neither lost in between nor shown twice (Kafka may deliver copies).
 */
@Service
public class TaskUpdates {

    /** The open tasks a {@link #followAll} subscriber starts with; tasks beyond are seen from their next change. */
    static final int MAX_OPEN_TASKS = 1000;

    private final IngestionTasks tasks;
    private final TaskEvents events;
    private final Duration readyTimeout;

    TaskUpdates(IngestionTasks tasks, TaskEvents events, EventSettings settings) {
        this.tasks = tasks;
        this.events = events;
        this.readyTimeout = settings.readyTimeout();
    }

    /**
     * The task as it is, then as it is after each change, in order; completes after a final status.
     *
     * @throws StrataException.NotFound (as the error signal) when there is no such task
     */
    public Flux<IngestionTask> follow(UUID id) {
        Flux<IngestionTask> live = events.transitions()
                .map(IngestionTaskTransitioned::task)
                .filter(task -> task.id().equals(id));
        Mono<List<IngestionTask>> current = tasks.find(id)
                .switchIfEmpty(Mono.error(() -> new StrataException.NotFound("no ingestion task " + id)))
                .map(List::of);
        return follow(live, current).takeUntil(task -> task.status().isFinal());
    }

    /**
     * Every open task (of {@code dataset}, or of every dataset when null) as it is, then every change of any of
     * its tasks, including tasks created later, in order per task. Never completes.
     */
    public Flux<IngestionTask> followAll(String dataset) {
        Flux<IngestionTask> live = events.transitions()
                .map(IngestionTaskTransitioned::task)
                .filter(task -> dataset == null || dataset.equals(task.dataset()));
        Mono<List<IngestionTask>> current = tasks.open(dataset, MAX_OPEN_TASKS).collectList();
        return follow(live, current);
    }

    private Flux<IngestionTask> follow(Flux<IngestionTask> live, Mono<List<IngestionTask>> current) {
        Mono<Void> ready = events.ready()
                .timeout(
                        readyTimeout,
                        Mono.error(() -> new StrataException.UpstreamUnavailable(
                                "task events are not available: Kafka has not answered since this node started",
                                null)));
        return ready.thenMany(Flux.defer(() -> {
            TaskSequences sequences = new TaskSequences();
            // live first: merge subscribes in order, so no change can slip between the state read and the stream.
            return Flux.merge(live.map(TaskSequences.Signal::change), current.map(TaskSequences.Signal::current))
                    .concatMapIterable(sequences::accept);
        }));
    }
}
