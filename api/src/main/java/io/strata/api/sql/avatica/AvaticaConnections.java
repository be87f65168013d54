package io.strata.api.sql.avatica;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.strata.api.sql.ResultPart;
import io.strata.api.sql.SqlCallers;
import io.strata.api.sql.SqlColumn;
import io.strata.api.sql.SqlScanner;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The Avatica connections open on this node, each its caller and its statements; a connection unused for the idle
 * timeout is closed with its statements (a JDBC client that went away). Avatica's protocol keeps this state on the
 * server, so a client must reach the same node for a connection's life (as with Druid's brokers). Thread-safe.
 */
final class AvaticaConnections {

    /** A statement: its text once prepared, and the rows of its running query. */
    static final class Statement {
        final int id;
        volatile SqlScanner.Statement prepared;
        volatile String sql;
        volatile List<SqlColumn> columns;
        volatile Stream<ResultPart> stream;
        volatile Iterator<ResultPart> rows;
        volatile long offset;
        volatile long maxRows;

        Statement(int id) {
            this.id = id;
        }

        /** Ends the running query, if any. */
        synchronized void close() {
            if (stream != null) {
                stream.close();
            }
            stream = null;
            rows = null;
        }
    }

    /** A connection: its caller and statements. */
    static final class Connection {
        final String id;
        final SqlCallers.Caller caller;
        final Map<Integer, Statement> statements = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();

        Connection(String id, SqlCallers.Caller caller) {
            this.id = id;
            this.caller = caller;
        }

        Statement newStatement() {
            Statement statement = new Statement(ids.incrementAndGet());
            statements.put(statement.id, statement);
            return statement;
        }

        void close() {
            statements.values().forEach(Statement::close);
            statements.clear();
        }
    }

    private final Cache<String, Connection> connections;

    AvaticaConnections(Duration idle) {
        this.connections = Caffeine.newBuilder()
                .expireAfterAccess(idle)
                .maximumSize(10_000)
                .removalListener((String id, Connection connection, RemovalCause cause) -> {
                    if (connection != null) {
                        connection.close();
                    }
                })
                .build();
    }

    void open(String id, SqlCallers.Caller caller) {
        connections.put(id, new Connection(id, caller));
    }

    /** The connection, or null when it was never opened, was closed, or went idle. */
    Connection get(String id) {
        return connections.getIfPresent(id);
    }

    void close(String id) {
        connections.invalidate(id);
    }

    long size() {
        connections.cleanUp();
        return connections.estimatedSize();
    }
}
