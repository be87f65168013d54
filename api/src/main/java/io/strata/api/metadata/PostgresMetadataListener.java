package io.strata.api.metadata;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Receives PostgreSQL's metadata change notifications ({@code LISTEN strata_metadata}) on a connection of its own,
 * outside the pool, and tells {@link MetadataCache}: which dataset changed, and whether it is listening at all. The
 * connection is checked every {@code strata.metadata.listener-check-interval}; when it fails, is closed or a check
 * does not answer in time, the cache stops serving and the listener connects again (backoff 0.5 s to 10 s).
 */
@Component
class PostgresMetadataListener implements SmartLifecycle {

    static final String CHANNEL = "strata_metadata";
    private static final Logger log = LoggerFactory.getLogger(PostgresMetadataListener.class);

    private final ConnectionFactory factory;
    private final MetadataCache cache;
    private final MetadataSettings settings;
    private volatile Disposable running;
    private volatile Integer backend;

    PostgresMetadataListener(ConnectionFactory factory, MetadataCache cache, MetadataSettings settings) {
        this.factory = factory;
        this.cache = cache;
        this.settings = settings;
    }

    @Override
    public void start() {
        if (!settings.cacheEnabled()) {
            return;
        }
        running = Flux.defer(this::listen)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
                        .maxBackoff(Duration.ofSeconds(10))
                        .transientErrors(true)
                        .doBeforeRetry(signal -> log.warn(
                                "Not receiving metadata change notifications ({}); every request reads metadata from "
                                        + "PostgreSQL until listening again",
                                signal.failure().getMessage())))
                .subscribe();
    }

    private Flux<Object> listen() {
        return Flux.usingWhen(
                        direct().create(),
                        connection -> connection instanceof PostgresqlConnection pg
                                ? listen(pg)
                                : Flux.error(new IllegalStateException("metadata notifications need PostgreSQL, not "
                                        + connection.getMetadata().getDatabaseProductName())),
                        Connection::close)
                .doFinally(signal -> {
                    backend = null;
                    cache.listening(false);
                });
    }

    private Flux<Object> listen(PostgresqlConnection pg) {
        Duration interval = settings.listenerCheckInterval();
        // Subscribed first, so nothing sent after LISTEN is missed; a connection that ends ends the stream.
        Flux<Object> notifications = pg.getNotifications()
                .doOnNext(notification -> {
                    if (notification.getParameter() != null) {
                        cache.changed(notification.getParameter());
                    }
                })
                .cast(Object.class)
                .concatWith(Mono.error(new IllegalStateException("the listening connection closed")));
        Flux<Object> checks = Flux.interval(interval, interval)
                .concatMap(tick -> query(pg, "SELECT 1").timeout(interval))
                .cast(Object.class);
        Mono<Object> listening = query(pg, "LISTEN " + CHANNEL)
                .then(query(pg, "SELECT pg_backend_pid()"))
                .doOnNext(pid -> {
                    backend = pid;
                    cache.listening(true);
                    log.info("Receiving metadata change notifications (PostgreSQL backend {})", pid);
                })
                .cast(Object.class);
        return Flux.merge(notifications, listening.concatWith(checks));
    }

    private static Mono<Integer> query(PostgresqlConnection pg, String sql) {
        return pg.createStatement(sql)
                .execute()
                .flatMap(result -> result.map((row, meta) -> row.get(0, Integer.class)))
                .next();
    }

    /** The pool's own factory: this connection is held for the node's life and must not take a pool slot. */
    private ConnectionFactory direct() {
        return factory instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
                ? inner
                : factory;
    }

    /** The PostgreSQL backend of the listening connection, while listening (tests end it to see recovery). */
    Integer backend() {
        return backend;
    }

    @Override
    public void stop() {
        Disposable listener = running;
        if (listener != null) {
            listener.dispose();
        }
        cache.listening(false);
    }

    @Override
    public boolean isRunning() {
        Disposable listener = running;
        return listener != null && !listener.isDisposed();
    }
}
