package io.strata.ingestion.events;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The {@code outbox} table, as the relay reads it. Rows are written by the transactions whose changes they
 * announce (see {@code PostgresIngestionTasks}), so a row exists only for a committed change.
 */
@Repository
class PostgresOutbox {

    /**
     * The oldest unpublished rows not locked by another relay, minus those with an older unpublished row of the
     * same key that another relay holds: publishing them now could overtake that row.
     */
    private static final String CLAIM = "WITH claimed AS (SELECT id FROM outbox WHERE published_at IS NULL "
            + "ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED) "
            + "SELECT o.id, o.topic, o.event_key, o.event_type, o.payload::text AS payload FROM outbox o "
            + "WHERE o.id IN (SELECT id FROM claimed) AND NOT EXISTS (SELECT 1 FROM outbox e WHERE "
            + "e.event_key = o.event_key AND e.published_at IS NULL AND e.id < o.id AND e.id NOT IN "
            + "(SELECT id FROM claimed)) ORDER BY o.id";

    private final DatabaseClient db;
    private final TransactionalOperator transactional;

    PostgresOutbox(DatabaseClient db, TransactionalOperator transactional) {
        this.db = db;
        this.transactional = transactional;
    }

    /**
     * Claims up to {@code limit} unpublished rows, hands their events to {@code publish} in id order, and marks
     * them published when it succeeds, in one transaction: the rows stay locked while they are published (another
     * relay skips them), and a failure leaves them unpublished for the next attempt.
     *
     * @return how many rows were claimed (some may have been held back to keep their key's order)
     */
    Mono<Integer> relay(int limit, Function<List<Event>, Mono<Void>> publish) {
        return db.sql(CLAIM)
                .bind("limit", limit)
                .map(PostgresOutbox::row)
                .all()
                .collectList()
                .flatMap(rows -> rows.isEmpty()
                        ? Mono.just(0)
                        : publish.apply(rows.stream().map(Row::event).toList())
                                .then(markPublished(rows))
                                .thenReturn(rows.size()))
                .as(transactional::transactional);
    }

    private Mono<Long> markPublished(List<Row> rows) {
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        return db.sql("UPDATE outbox SET published_at = now() WHERE id = ANY(:ids)")
                .bind("ids", ids)
                .fetch()
                .rowsUpdated();
    }

    /** Deletes rows published more than {@code retention} ago. */
    Mono<Long> deletePublished(Duration retention) {
        return db.sql("DELETE FROM outbox WHERE published_at < now() - make_interval(secs => :seconds)")
                .bind("seconds", (double) retention.toSeconds())
                .fetch()
                .rowsUpdated();
    }

    /** Rows not yet published (for health and tests). */
    Mono<Long> backlog() {
        return db.sql("SELECT count(*) AS backlog FROM outbox WHERE published_at IS NULL")
                .map(row -> row.get("backlog", Long.class))
                .one();
    }

    private static Row row(Readable row) {
        return new Row(
                row.get("id", Long.class),
                new Event(
                        row.get("topic", String.class),
                        row.get("event_key", String.class),
                        row.get("event_type", String.class),
                        row.get("payload", String.class)));
    }

    private record Row(long id, Event event) {}
}
