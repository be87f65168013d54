package io.strata.api.sql;

import java.util.Set;

/** What a statement is, from its first word: a query, a session command, a write (refused), or nothing. */
public enum StatementKind {
    QUERY,
    SESSION,
    WRITE,
    EXPLAIN,
    EMPTY,
    UNKNOWN;

    private static final Set<String> QUERIES = Set.of("select", "with", "values", "table", "(");
    private static final Set<String> SESSION_COMMANDS = Set.of(
            "set",
            "show",
            "reset",
            "begin",
            "start",
            "commit",
            "end",
            "rollback",
            "abort",
            "savepoint",
            "release",
            "discard",
            "deallocate",
            "close",
            "unlisten",
            "listen",
            "notify",
            "prepare",
            "execute",
            "fetch",
            "declare",
            "move");
    private static final Set<String> WRITES = Set.of(
            "insert",
            "update",
            "delete",
            "merge",
            "upsert",
            "replace",
            "create",
            "drop",
            "alter",
            "truncate",
            "grant",
            "revoke",
            "copy",
            "vacuum",
            "analyze",
            "analyse",
            "cluster",
            "reindex",
            "comment",
            "lock",
            "refresh",
            "call",
            "do",
            "import",
            "security",
            "reassign",
            "load",
            "checkpoint");

    public static StatementKind of(SqlScanner.Statement statement) {
        if (statement.isEmpty()) {
            return EMPTY;
        }
        String first = statement.first();
        if (QUERIES.contains(first)) {
            return QUERY;
        }
        if (SESSION_COMMANDS.contains(first)) {
            return SESSION;
        }
        if (WRITES.contains(first)) {
            return WRITE;
        }
        if (first.equals("explain")) {
            return EXPLAIN;
        }
        return UNKNOWN;
    }

    /** The refusal of a statement that is neither a query nor a command this endpoint knows. */
    public static SqlException refusal(SqlScanner.Statement statement) {
        StatementKind kind = of(statement);
        String first = statement.first().toUpperCase(java.util.Locale.ROOT);
        return switch (kind) {
            case WRITE -> SqlException.readOnly(first);
            case EXPLAIN -> SqlException.notSupported(
                    "EXPLAIN is not supported",
                    "the query plan is Druid's; Strata's own rewriting is described in " + "api/README.md");
            default -> SqlException.syntax(
                    "syntax error at or near \""
                            + (statement.tokens().isEmpty()
                                    ? ""
                                    : statement.tokens().get(0)) + "\"",
                    1);
        };
    }
}
