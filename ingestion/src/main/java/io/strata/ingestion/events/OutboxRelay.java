package io.strata.ingestion.events;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Publishes the outbox: claims the oldest unpublished rows, publishes their events in order, marks them published,
 * and starts over; when nothing is left it waits {@link EventSettings#pollInterval()}. Runs on every node; rows
 * are claimed with {@code SKIP LOCKED}, so nodes share the work without publishing a row twice at the same time.
 *
 * <p>Never drops an event: when Kafka (or PostgreSQL) is unavailable the rows stay unpublished and the relay retries
 * with exponential backoff up to {@link EventSettings#maxBackoff()}, for as long as it takes. A row is marked
 * published only after Kafka acknowledged it, so an event may be published twice (a crash between the two) but
 * never lost; readers drop the copies by sequence number.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(10);

    private final PostgresOutbox outbox;
    private final EventPublisher publisher;
    private final EventSettings settings;
    private Scheduler timer;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicLong nextCleanup = new AtomicLong();
    private volatile Disposable running;

    OutboxRelay(PostgresOutbox outbox, EventPublisher publisher, EventSettings settings) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.settings = settings;
    }

    /**
     * Starts relaying on a timer thread of its own. Restartable: {@link #stop()} then {@code start()} (a paused and
     * resumed context, a checkpoint and restore) relays again, on a new thread.
     */
    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        Scheduler timer = Schedulers.newSingle("strata-outbox-relay");
        this.timer = timer;
        running = Mono.defer(this::round)
                .flatMap(claimed -> claimed < settings.batchSize()
                        ? Mono.delay(settings.pollInterval(), timer).thenReturn(claimed)
                        : Mono.just(claimed))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, settings.minBackoff())
                        .maxBackoff(settings.maxBackoff())
                        .scheduler(timer)
                        .doBeforeRetry(signal -> {
                            if (failuresInARow.getAndIncrement() == 0) {
                                log.warn(
                                        "Publishing the outbox failed; retrying with backoff until it succeeds: {}",
                                        signal.failure().getMessage());
                            } else {
                                log.debug(
                                        "Publishing the outbox failed again: {}",
                                        signal.failure().toString());
                            }
                        }))
                .repeat()
                .subscribe(null, e -> log.error("The outbox relay stopped", e));
    }

    /** One round: publishes at most one batch, and answers how many rows it claimed. */
    Mono<Integer> round() {
        return cleanup()
                .then(outbox.relay(settings.batchSize(), publisher::publish))
                .doOnNext(claimed -> {
                    int failures = failuresInARow.getAndSet(0);
                    if (failures > 0) {
                        log.info("Publishing the outbox works again after {} failed attempts", failures);
                    }
                });
    }

    private Mono<Void> cleanup() {
        long now = System.nanoTime();
        long due = nextCleanup.get();
        if (due != 0 && now - due < 0 || !nextCleanup.compareAndSet(due, now + CLEANUP_EVERY.toNanos())) {
            return Mono.empty();
        }
        return outbox.deletePublished(settings.retention())
                .doOnNext(deleted -> {
                    if (deleted > 0) {
                        log.info("Deleted {} outbox rows published more than {} ago", deleted, settings.retention());
                    }
                })
                .then();
    }

    /** How many outbox rows wait to be published. */
    public Mono<Long> backlog() {
        return outbox.backlog();
    }

    @Override
    public synchronized void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        if (timer != null) {
            timer.dispose();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        Disposable current = running;
        return current != null && !current.isDisposed();
    }
}
