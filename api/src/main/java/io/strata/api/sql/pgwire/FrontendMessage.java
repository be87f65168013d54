package io.strata.api.sql.pgwire;

import java.util.List;
import java.util.Map;

/** A message from a PostgreSQL client, as protocol 3.0 defines it (the Frontend/Backend Protocol chapter). */
sealed interface FrontendMessage {

    /** The first message of a session: protocol version and parameters (user, database, options, ...). */
    record Startup(int major, int minor, Map<String, String> parameters) implements FrontendMessage {
        public Startup {
            parameters = Map.copyOf(parameters);
        }
    }

    /** Asks for TLS before the startup message. */
    record SslRequest() implements FrontendMessage {}

    /** Asks for GSSAPI encryption before the startup message. */
    record GssEncRequest() implements FrontendMessage {}

    /** Sent on a new connection to cancel the query running on another. */
    record CancelRequest(int processId, int secretKey) implements FrontendMessage {}

    /** 'p': the password, here a bearer token. */
    record Password(String password) implements FrontendMessage {}

    /** 'Q': a simple query, possibly several statements. */
    record Query(String sql) implements FrontendMessage {}

    /** 'P': prepares a statement; a type oid of 0 leaves the parameter's type open. */
    record Parse(String name, String sql, List<Integer> parameterTypes) implements FrontendMessage {
        public Parse {
            parameterTypes = List.copyOf(parameterTypes);
        }
    }

    /**
     * 'B': binds parameter values to a prepared statement, making a portal.
     *
     * @param parameterFormats 0 text, 1 binary: none (all text), one (for all) or one per parameter
     * @param values each parameter's bytes; null for SQL NULL
     * @param resultFormats the same for result columns
     */
    record Bind(
            String portal,
            String statement,
            List<Short> parameterFormats,
            List<byte[]> values,
            List<Short> resultFormats)
            implements FrontendMessage {
        public Bind {
            parameterFormats = List.copyOf(parameterFormats);
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
            resultFormats = List.copyOf(resultFormats);
        }
    }

    /** 'D': describes a statement ('S') or a portal ('P'). */
    record Describe(char kind, String name) implements FrontendMessage {}

    /** 'E': runs a portal, returning at most {@code maxRows} rows (0: all). */
    record Execute(String portal, int maxRows) implements FrontendMessage {}

    /** 'S': ends an extended-query series; the server answers ReadyForQuery. */
    record Sync() implements FrontendMessage {}

    /** 'H': asks the server to send what it has. */
    record Flush() implements FrontendMessage {}

    /** 'C': closes a statement ('S') or a portal ('P'). */
    record Close(char kind, String name) implements FrontendMessage {}

    /** 'X': the client ends the session. */
    record Terminate() implements FrontendMessage {}

    /** A message this server does not take (COPY data, function calls): answered with an error. */
    record Unsupported(char type) implements FrontendMessage {}
}
