package io.strata.api.sql;

/**
 * An error the SQL endpoint answers to its client, whatever the protocol: a SQLSTATE, a message saying what went
 * wrong and where, and optionally a hint saying what to do. Messages never carry internal class names or the SQL
 * Strata sends to Druid.
 */
public final class SqlException extends RuntimeException {

    private final SqlState state;
    private final String hint;
    private final int position;

    public SqlException(SqlState state, String message) {
        this(state, message, null, 0, null);
    }

    public SqlException(SqlState state, String message, String hint) {
        this(state, message, hint, 0, null);
    }

    /**
     * @param position the 1-based character of the statement the error is at, or 0 when it is not at one place
     * @param cause kept for the server's log only
     */
    public SqlException(SqlState state, String message, String hint, int position, Throwable cause) {
        super(message, cause, false, false);
        this.state = state;
        this.hint = hint;
        this.position = position;
    }

    public SqlState state() {
        return state;
    }

    /** What to do about it; null when there is nothing to add. */
    public String hint() {
        return hint;
    }

    /** The 1-based character of the statement the error is at; 0 when it is not at one place. */
    public int position() {
        return position;
    }

    public static SqlException syntax(String message, int position) {
        return new SqlException(SqlState.SYNTAX_ERROR, message, null, position, null);
    }

    public static SqlException undefinedTable(String relation, String hint) {
        return new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + relation + "\" does not exist", hint);
    }

    public static SqlException readOnly(String command) {
        return new SqlException(
                SqlState.READ_ONLY_SQL_TRANSACTION,
                "cannot execute " + command + " in a read-only transaction",
                "Strata's SQL endpoint only reads: load data by uploading a file (POST /api/v1/datasets/{name}/uploads)");
    }

    public static SqlException notSupported(String message, String hint) {
        return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, message, hint);
    }

    public static SqlException limit(String message, String hint) {
        return new SqlException(SqlState.CONFIGURATION_LIMIT_EXCEEDED, message, hint);
    }
}
