package io.strata.api.sql.pgwire;

import io.strata.api.sql.PgType;
import io.strata.api.sql.SessionSettings;
import io.strata.api.sql.SqlColumn;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlScanner;
import io.strata.api.sql.SqlState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The session commands a read-only PostgreSQL answers: SET, SHOW, RESET, BEGIN/START TRANSACTION, COMMIT/END,
 * ROLLBACK/ABORT, SAVEPOINT, RELEASE, DISCARD, DEALLOCATE, CLOSE, UNLISTEN. Transactions only track their status
 * (nothing is written, so there is nothing to commit); a read-write transaction is refused (25006).
 */
final class PgCommands {

    /**
     * What a command answers.
     *
     * @param columns a result's columns (SHOW), or null for none
     * @param notices warnings for the client, e.g. "there is no transaction in progress"
     * @param reported parameters whose new values the client must be told (ParameterStatus)
     */
    record Outcome(
            String tag,
            List<SqlColumn> columns,
            List<Object[]> rows,
            List<String> notices,
            Map<String, String> reported) {}

    private PgCommands() {}

    static Outcome run(SqlScanner.Statement statement, PgSession session) {
        List<String> t = statement.tokens();
        String first = statement.first();
        List<String> notices = new ArrayList<>();
        Map<String, String> reported = new LinkedHashMap<>();
        switch (first) {
            case "set":
                set(t, session, reported);
                return outcome("SET", notices, reported);
            case "show":
                return show(t, session);
            case "reset": {
                String name = word(t, 1);
                if (name.equals("all")) {
                    session.settings.resetAll();
                } else {
                    session.settings.reset(name);
                }
                return outcome("RESET", notices, reported);
            }
            case "begin", "start":
                transactionModes(t);
                if (session.status != 'I') {
                    notices.add("there is already a transaction in progress");
                } else {
                    session.status = 'T';
                }
                return outcome("BEGIN", notices, reported);
            case "commit", "end": {
                if (session.status == 'I') {
                    notices.add("there is no transaction in progress");
                }
                String tag = session.status == 'E' ? "ROLLBACK" : "COMMIT";
                endTransaction(session);
                return outcome(tag, notices, reported);
            }
            case "rollback", "abort":
                if (t.size() > 1
                        && (word(t, 1).equals("to")
                                || (word(t, 1).equals("work") && word(t, 2).equals("to"))
                                || (word(t, 1).equals("transaction")
                                        && word(t, 2).equals("to")))) {
                    if (session.status == 'E') {
                        session.status = 'T';
                    }
                    return outcome("ROLLBACK", notices, reported);
                }
                if (session.status == 'I') {
                    notices.add("there is no transaction in progress");
                }
                endTransaction(session);
                return outcome("ROLLBACK", notices, reported);
            case "savepoint":
                requireTransaction(session, "SAVEPOINT");
                return outcome("SAVEPOINT", notices, reported);
            case "release":
                requireTransaction(session, "RELEASE SAVEPOINT");
                return outcome("RELEASE", notices, reported);
            case "discard":
                session.closePortals();
                session.statements.clear();
                session.settings.resetAll();
                return outcome("DISCARD " + word(t, 1).toUpperCase(Locale.ROOT), notices, reported);
            case "deallocate": {
                String name = word(t, 1).equals("prepare") ? raw(t, 2) : raw(t, 1);
                if (name.equalsIgnoreCase("all")) {
                    session.statements.clear();
                    return outcome("DEALLOCATE ALL", notices, reported);
                }
                if (session.statements.remove(name) == null) {
                    throw new SqlException(
                            SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
                }
                return outcome("DEALLOCATE", notices, reported);
            }
            case "close": {
                String name = raw(t, 1);
                if (name.equalsIgnoreCase("all")) {
                    session.closePortals();
                } else {
                    PgPortal portal = session.portals.remove(name);
                    if (portal == null) {
                        throw new SqlException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
                    }
                    portal.close();
                }
                return outcome("CLOSE CURSOR", notices, reported);
            }
            case "unlisten":
                return outcome("UNLISTEN", notices, reported);
            default:
                throw SqlException.notSupported(
                        first.toUpperCase(Locale.ROOT) + " is not supported",
                        "Strata's SQL endpoint runs queries: use the extended protocol for prepared statements, "
                                + "and LIMIT/OFFSET or a driver's fetch size instead of cursors");
        }
    }

    private static void endTransaction(PgSession session) {
        session.status = 'I';
        session.closePortals();
    }

    private static void requireTransaction(PgSession session, String command) {
        if (session.status == 'I') {
            throw new SqlException(
                    SqlState.NO_ACTIVE_SQL_TRANSACTION, command + " can only be used in transaction blocks");
        }
    }

    private static void transactionModes(List<String> t) {
        String modes = String.join(" ", t).toLowerCase(Locale.ROOT);
        if (modes.contains("read write")) {
            throw new SqlException(
                    SqlState.READ_ONLY_SQL_TRANSACTION,
                    "cannot set transaction read-write mode: Strata's SQL endpoint only reads");
        }
    }

    private static void set(List<String> t, PgSession session, Map<String, String> reported) {
        int i = 1;
        if (word(t, i).equals("session") || word(t, i).equals("local")) {
            if (word(t, i).equals("session") && word(t, i + 1).equals("characteristics")) {
                transactionModes(t);
                return;
            }
            if (word(t, i).equals("session") && word(t, i + 1).equals("authorization")) {
                throw new SqlException(
                        SqlState.INSUFFICIENT_PRIVILEGE,
                        "permission denied to set session authorization: who you are is your token's subject");
            }
            i++;
        }
        if (word(t, i).equals("transaction")) {
            transactionModes(t);
            return;
        }
        String name;
        int value;
        if (word(t, i).equals("time") && word(t, i + 1).equals("zone")) {
            name = "TimeZone";
            value = i + 2;
        } else if (word(t, i).equals("names")) {
            name = "client_encoding";
            value = i + 1;
        } else {
            name = raw(t, i);
            value = i + 1;
            // dotted names: SET strata.x = ...
            while (value + 1 < t.size() && t.get(value).equals(".")) {
                name = name + "." + raw(t, value + 1);
                value += 2;
            }
            if (value < t.size() && (t.get(value).equals("=") || t.get(value).equalsIgnoreCase("to"))) {
                value++;
            } else {
                throw SqlException.syntax(
                        "syntax error at or near \"" + (value < t.size() ? t.get(value) : "")
                                + "\": write SET name = value",
                        0);
            }
        }
        if (value >= t.size()) {
            throw SqlException.syntax("syntax error at end of input: SET " + name + " needs a value", 0);
        }
        String canonical = SessionSettings.canonical(name);
        if (word(t, value).equals("default") || word(t, value).equals("local") && canonical.equals("TimeZone")) {
            session.settings.reset(canonical);
        } else {
            StringBuilder text = new StringBuilder();
            for (int j = value; j < t.size(); j++) {
                String token = t.get(j);
                if (token.equals(",")) {
                    text.append(", ");
                } else {
                    text.append(unquoted(token));
                }
            }
            session.settings.set(canonical, text.toString());
        }
        if (SessionSettings.REPORTED.contains(canonical.toLowerCase(Locale.ROOT))) {
            reported.put(canonical, session.settings.get(canonical).orElse(""));
        }
    }

    private static Outcome show(List<String> t, PgSession session) {
        String name;
        if (word(t, 1).equals("all")) {
            List<Object[]> rows = new ArrayList<>();
            session.settings.all().forEach((n, v) -> rows.add(new Object[] {n, v, ""}));
            return new Outcome(
                    "SHOW",
                    List.of(
                            SqlColumn.of("name", PgType.TEXT),
                            SqlColumn.of("setting", PgType.TEXT),
                            SqlColumn.of("description", PgType.TEXT)),
                    rows,
                    List.of(),
                    Map.of());
        }
        if (word(t, 1).equals("time") && word(t, 2).equals("zone")) {
            name = "TimeZone";
        } else if (word(t, 1).equals("transaction") && word(t, 2).equals("isolation")) {
            name = "transaction_isolation";
        } else {
            StringBuilder dotted = new StringBuilder(raw(t, 1));
            for (int j = 2; j + 1 < t.size() && t.get(j).equals("."); j += 2) {
                dotted.append('.').append(raw(t, j + 1));
            }
            name = dotted.toString();
        }
        String shown = name;
        String value = session.settings
                .get(name)
                .orElseThrow(() -> new SqlException(
                        SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + shown + "\""));
        String label = name.toLowerCase(Locale.ROOT);
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {value});
        return new Outcome("SHOW", List.of(SqlColumn.of(label, PgType.TEXT)), rows, List.of(), Map.of());
    }

    private static Outcome outcome(String tag, List<String> notices, Map<String, String> reported) {
        return new Outcome(tag, null, List.of(), notices, reported);
    }

    /** Token {@code i}, lower case and unquoted; empty past the end. */
    private static String word(List<String> t, int i) {
        return i < t.size() ? unquoted(t.get(i)).toLowerCase(Locale.ROOT) : "";
    }

    /** Token {@code i} unquoted, case kept for quoted names; empty past the end. */
    private static String raw(List<String> t, int i) {
        if (i >= t.size()) {
            return "";
        }
        String token = t.get(i);
        return token.startsWith("\"") ? unquoted(token) : token.toLowerCase(Locale.ROOT);
    }

    static String unquoted(String token) {
        if (token.length() >= 2 && token.startsWith("'") && token.endsWith("'")) {
            return token.substring(1, token.length() - 1).replace("''", "'");
        }
        if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
            return token.substring(1, token.length() - 1).replace("\"\"", "\"");
        }
        return token;
    }
}
