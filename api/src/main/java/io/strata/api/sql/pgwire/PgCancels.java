package io.strata.api.sql.pgwire;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open sessions by process id, with their secret keys, so a CancelRequest (sent on a new connection, as
 * PostgreSQL's protocol does) reaches the session it names, and only with the key that session was given.
 * Thread-safe.
 */
final class PgCancels {

    private final ConcurrentMap<Integer, PgConnection> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger processIds;
    private final SecureRandom keys;

    PgCancels() {
        try {
            // Seeded here, once, off the event loops: later keys come from the generator, without reading a device.
            keys = SecureRandom.getInstance("SHA1PRNG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA1PRNG secure random", e);
        }
        keys.nextInt();
        processIds = new AtomicInteger(1_000 + keys.nextInt(30_000));
    }

    int nextProcessId() {
        return processIds.incrementAndGet() & 0x7FFFFFFF;
    }

    int nextSecretKey() {
        return keys.nextInt();
    }

    void register(int processId, PgConnection connection) {
        sessions.put(processId, connection);
    }

    void unregister(int processId, PgConnection connection) {
        sessions.remove(processId, connection);
    }

    /** Cancels the running query of the session, if the key is its own; a wrong key does nothing, as in PostgreSQL. */
    boolean cancel(int processId, int secretKey) {
        PgConnection connection = sessions.get(processId);
        if (connection == null || !connection.hasSecretKey(secretKey)) {
            return false;
        }
        connection.cancelRunningQuery();
        return true;
    }

    int open() {
        return sessions.size();
    }
}
