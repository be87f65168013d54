package io.strata.api.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.security.SecurityScope;
import io.strata.ingestion.audit.AuditAction;
import io.strata.ingestion.audit.AuditEntry;
import io.strata.ingestion.audit.AuditOutcome;
import io.strata.ingestion.audit.AuditTrail;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The audit writer behind the SQL endpoint, over an in-memory audit trail that writes slowly. */
class SqlAuditTest {

    /** Our port's fake: every write takes 200 ms, as a very busy PostgreSQL may. */
    static final class SlowTrail implements AuditTrail {
        final List<AuditEntry> written = new CopyOnWriteArrayList<>();

        @Override
        public Mono<Void> record(AuditEntry entry) {
            return recordAll(List.of(entry));
        }

        @Override
        public Mono<Void> recordAll(List<AuditEntry> entries) {
            return Mono.delay(Duration.ofMillis(200))
                    .doOnNext(tick -> written.addAll(entries))
                    .then();
        }

        @Override
        public Flux<AuditEntry> list(Set<AuditAction> actions, String subject, String dataset, Long before, int limit) {
            return Flux.fromIterable(written);
        }
    }

    @Test
    void queriesArrivingWhileTheWriterIsBusyLoseNoEntry() {
        SlowTrail trail = new SlowTrail();
        SqlAudit audit = new SqlAudit(trail);
        audit.start();
        try {
            // One query every 30 ms: the batching timer (20 ms) fires while a write (200 ms) is under way.
            int queries = 40;
            Flux.interval(Duration.ofMillis(30))
                    .take(queries)
                    .concatMap(i -> audit.query(
                            SecurityScope.UNRESTRICTED, List.of("sales"), "q" + i, AuditOutcome.SUCCEEDED, "http"))
                    .blockLast(Duration.ofSeconds(30));

            Awaitility.await("every entry written")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> trail.written.size() >= queries);
            assertThat(trail.written)
                    .extracting(AuditEntry::target)
                    .containsExactly(java.util.stream.IntStream.range(0, queries)
                            .mapToObj(i -> "q" + i)
                            .toArray(String[]::new));
        } finally {
            audit.stop();
        }
    }

    @Test
    void aBurstOfQueriesFasterThanTheWriterLosesNoEntryAndKeepsTheirOrder() {
        SlowTrail trail = new SlowTrail();
        SqlAudit audit = new SqlAudit(trail);
        audit.start();
        try {
            int queries = 9_000; // far more batches than the writer takes while one write is under way
            for (int i = 0; i < queries; i++) {
                audit.query(SecurityScope.UNRESTRICTED, List.of("sales"), "q" + i, AuditOutcome.SUCCEEDED, "pgwire")
                        .block(Duration.ofSeconds(10));
            }

            Awaitility.await("every entry written")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> trail.written.size() >= queries);
            assertThat(trail.written).hasSize(queries);
            assertThat(trail.written)
                    .extracting(AuditEntry::target)
                    .startsWith("q0", "q1", "q2")
                    .endsWith("q" + (queries - 1));
            assertThat(audit.backlog()).isZero();
        } finally {
            audit.stop();
        }
    }

    @Test
    void aWriterStoppedAndStartedAgainWritesEntriesAgain() {
        SlowTrail trail = new SlowTrail();
        SqlAudit audit = new SqlAudit(trail);
        audit.start();
        audit.query(SecurityScope.UNRESTRICTED, List.of("sales"), "before", AuditOutcome.SUCCEEDED, "http")
                .block(Duration.ofSeconds(10));
        audit.stop(); // as Spring's test context cache pauses a context, and a restore restarts it
        audit.start();
        try {
            assertThat(audit.isRunning()).isTrue();
            audit.query(SecurityScope.UNRESTRICTED, List.of("sales"), "after", AuditOutcome.SUCCEEDED, "http")
                    .block(Duration.ofSeconds(10));
            Awaitility.await("the entry after the restart written")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> trail.written.size() >= 2);
            assertThat(trail.written).extracting(AuditEntry::target).containsExactly("before", "after");
        } finally {
            audit.stop();
        }
    }
}
