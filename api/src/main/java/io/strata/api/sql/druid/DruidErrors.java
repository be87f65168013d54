package io.strata.api.sql.druid;

import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Druid's error answers as SQL errors. Druid names positions in the SQL Strata sent, not the client's, so positions
 * are cut; class names and hosts (in operator-facing errors) never reach the client: those get a generic message
 * with the query id, and the server log has Druid's own.
 */
final class DruidErrors {

    private static final Pattern POSITION =
            Pattern.compile("\\s*\\(line \\[\\d+], column \\[\\d+]\\)|" + "\\s*at line \\d+, column \\d+\\.?");
    private static final Pattern COLUMN = Pattern.compile("Column '([^']*)' not found in any table");
    private static final Pattern OBJECT = Pattern.compile("Object '([^']*)' not found");
    private static final Pattern FUNCTION = Pattern.compile("No match found for function signature ([^(\\s]+)\\(");
    private static final Pattern JAVA_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*");

    private DruidErrors() {}

    static SqlException of(int status, byte[] body, String sqlQueryId, JsonMapper json) {
        String category = "";
        String code = "";
        String message = "";
        String persona = "";
        try {
            JsonNode error = json.readTree(body);
            category = error.path("category").asString("");
            code = error.path("errorCode").asString("");
            message = error.path("errorMessage").asString("");
            persona = error.path("persona").asString("");
        } catch (RuntimeException notJson) {
            // the status decides
        }
        String where = " (Druid query " + sqlQueryId + ")";
        if (status == 504 || category.equals("TIMEOUT") || code.equals("timeout")) {
            return new SqlException(
                    SqlState.QUERY_CANCELED,
                    "canceling statement due to statement timeout" + where,
                    "ask for less (a narrower time range, fewer groups), or raise strata.sql.timeout");
        }
        if (category.equals("CAPACITY_EXCEEDED") || status == 429) {
            return new SqlException(
                    SqlState.INSUFFICIENT_RESOURCES,
                    "Druid is at capacity and refused the query" + where,
                    "try again shortly");
        }
        String first = clean(message.split("\n", 2)[0]);
        Matcher column = COLUMN.matcher(message);
        if (column.find()) {
            return new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + column.group(1) + "\" does not exist");
        }
        Matcher function = FUNCTION.matcher(message);
        if (function.find()) {
            return new SqlException(
                    SqlState.UNDEFINED_FUNCTION,
                    "function " + function.group(1).toLowerCase(java.util.Locale.ROOT) + " does not exist",
                    "Druid SQL's functions are listed at https://druid.apache.org/docs/latest/querying/sql-functions");
        }
        Matcher object = OBJECT.matcher(message);
        if (object.find()) {
            return new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + object.group(1) + "\" does not exist");
        }
        if (message.contains("/ by zero")) {
            return new SqlException(SqlState.DIVISION_BY_ZERO, "division by zero" + where);
        }
        if (message.startsWith("Cannot coerce") || message.contains("Cannot apply")) {
            return new SqlException(SqlState.DATATYPE_MISMATCH, first + where);
        }
        if (message.contains("Received an unexpected token")
                || message.contains("Incorrect syntax")
                || message.contains("Encountered")) {
            return new SqlException(SqlState.SYNTAX_ERROR, "Druid's parser refused the query: " + first + where);
        }
        if (category.equals("UNSUPPORTED")) {
            return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, first + where);
        }
        if (status == 400 && category.equals("INVALID_INPUT") && persona.equals("USER")) {
            return new SqlException(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, first + where);
        }
        if (status >= 500 || persona.equals("OPERATOR") || persona.equals("ADMIN")) {
            return new SqlException(
                    SqlState.SYSTEM_ERROR,
                    "Druid failed to run the query" + where,
                    "the server's log has Druid's error under this query id");
        }
        return new SqlException(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, first + where);
    }

    /** Druid's message without positions in SQL the client never wrote, nor Java class names. */
    static String clean(String message) {
        String cleaned = POSITION.matcher(message).replaceAll("");
        cleaned = JAVA_NAME.matcher(cleaned).replaceAll("?");
        return cleaned.length() > 500 ? cleaned.substring(0, 500) + "…" : cleaned;
    }
}
