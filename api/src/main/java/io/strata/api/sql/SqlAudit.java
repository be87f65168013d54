package io.strata.api.sql;

import io.strata.api.security.SecurityScope;
import io.strata.ingestion.audit.AuditAction;
import io.strata.ingestion.audit.AuditEntry;
import io.strata.ingestion.audit.AuditOutcome;
import io.strata.ingestion.audit.AuditTrail;
import java.time.Duration;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The audit log of SQL endpoint queries: one entry per dataset a query reads (action {@code SQL_QUERY}, target the
 * Druid query id, detail the protocol, outcome and rows), and one for each refused statement. Entries are written
 * behind the answer, in order, by one writer, so a query does not wait for PostgreSQL; when the writer falls
 * {@value #BACKLOG} entries behind, the next query waits for its own entry instead, so none is dropped.
 */
@Component
public class SqlAudit implements SmartLifecycle {

    static final int BACKLOG = 10_000;

    private static final Logger log = LoggerFactory.getLogger(SqlAudit.class);

    private final AuditTrail audit;
    /** A new queue per start: a unicast sink takes one subscriber, and a stopped context may be started again. */
    private volatile Sinks.Many<AuditEntry> pending = Sinks.many().unicast().onBackpressureBuffer();
    /** Emissions must not overlap; held only for a queue offer. */
    private final Object emitting = new Object();

    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Disposable writer;

    SqlAudit(AuditTrail audit) {
        this.audit = audit;
    }

    /** Records the outcome of a query over {@code datasets} (none: a refused statement). Completes at once, mostly. */
    public Mono<Void> query(
            SecurityScope caller, Collection<String> datasets, String sqlQueryId, AuditOutcome outcome, String detail) {
        if (datasets.isEmpty()) {
            return record(AuditEntry.of(caller.actor(), AuditAction.SQL_QUERY, null, sqlQueryId, outcome, detail));
        }
        return Flux.fromIterable(datasets)
                .concatMap(dataset -> record(
                        AuditEntry.of(caller.actor(), AuditAction.SQL_QUERY, dataset, sqlQueryId, outcome, detail)))
                .then();
    }

    private Mono<Void> record(AuditEntry entry) {
        if (writer != null && queued.get() < BACKLOG) {
            queued.incrementAndGet();
            boolean emitted;
            synchronized (emitting) {
                emitted = pending.tryEmitNext(entry).isSuccess();
            }
            if (emitted) {
                return Mono.empty();
            }
            queued.decrementAndGet();
        }
        return audit.record(entry);
    }

    @Override
    public void start() {
        // Entries that arrive together are written with one statement (a round trip and an INSERT per query took
        // a sixth of the SQL endpoint's CPU in a profile of repeated HTTP queries).
        Sinks.Many<AuditEntry> queue = Sinks.many().unicast().onBackpressureBuffer();
        synchronized (emitting) {
            pending = queue;
        }
        writer = queue.asFlux()
                // Fair backpressure: a batch waits for the writer's demand instead of overflowing it (without it, a
                // burst of queries ended the writer with an OverflowException and every later entry was lost).
                .bufferTimeout(256, Duration.ofMillis(20), true)
                .concatMap(batch -> audit.recordAll(batch)
                        .timeout(Duration.ofSeconds(30))
                        .doOnError(e -> log.error(
                                "{} SQL audit entries not written, the first {} ({})",
                                batch.size(),
                                batch.get(0),
                                e.toString()))
                        .onErrorResume(e -> Mono.empty())
                        .doFinally(signal -> queued.addAndGet(-batch.size())))
                .subscribe();
    }

    @Override
    public void stop() {
        synchronized (emitting) {
            pending.tryEmitComplete();
        }
        Disposable running = writer;
        writer = null;
        // the writer finishes what is queued while the application context closes; the database closes later
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (queued.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10); // the closing context's thread, not an event loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (running != null && queued.get() > 0) {
            log.warn("{} SQL audit entries were not written before shutdown", queued.get());
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }

    /** Entries queued, not yet written (for tests). */
    int backlog() {
        return queued.get();
    }
}
