package io.strata.api.sql.pgwire;

import io.strata.api.sql.SessionSettings;
import io.strata.api.sql.SessionView;
import io.strata.api.sql.SqlCallers;
import io.strata.api.sql.SqlScanner;
import io.strata.api.sql.StatementKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One PostgreSQL session's state: who connected (the token's caller), its settings, its transaction status, its
 * prepared statements and portals. Used on the connection's event loop only.
 */
final class PgSession implements SessionView {

    /** A prepared statement: its scanned text, what it is, and its parameters' type oids (0: unspecified). */
    record Prepared(String name, SqlScanner.Statement statement, StatementKind kind, List<Integer> parameterTypes) {
        Prepared {
            parameterTypes = List.copyOf(parameterTypes);
        }
    }

    final int processId;
    final int secretKey;
    final String connectionId;
    final SessionSettings settings = new SessionSettings();
    final Map<String, Prepared> statements = new HashMap<>();
    final Map<String, PgPortal> portals = new HashMap<>();
    private final AtomicLong queries = new AtomicLong();
    String user = "";
    String database = "";
    SqlCallers.Caller caller;
    /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
    char status = 'I';

    PgSession(int processId, int secretKey, String connectionId) {
        this.processId = processId;
        this.secretKey = secretKey;
        this.connectionId = connectionId;
    }

    /** Druid's query id of the session's next query: {@code strata-<connection id>-<n>}. */
    String nextQueryId() {
        return "strata-" + connectionId + "-" + queries.incrementAndGet();
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public String user() {
        return caller != null ? caller.scope().subject() : user;
    }

    @Override
    public Optional<String> setting(String name) {
        if (name.equalsIgnoreCase("strata.backend_pid")) {
            return Optional.of(Integer.toString(processId));
        }
        return settings.get(name);
    }

    /** Closes every portal (a transaction's end, DISCARD ALL, the session's end). */
    void closePortals() {
        portals.values().forEach(PgPortal::close);
        portals.clear();
    }
}
