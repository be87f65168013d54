package io.strata.api.sql.http;

import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL errors as Druid's SQL API answers errors: an HTTP status and {@code {"error": "druidException", "errorCode",
 * "persona", "category", "errorMessage", "context"}}, the SQLSTATE and hint in the context.
 */
final class DruidSqlErrors {

    private DruidSqlErrors() {}

    static HttpStatus status(SqlException e) {
        return switch (e.state()) {
            case INVALID_PASSWORD, INVALID_AUTHORIZATION_SPECIFICATION -> HttpStatus.UNAUTHORIZED;
            case INSUFFICIENT_PRIVILEGE -> HttpStatus.FORBIDDEN;
            case QUERY_CANCELED -> e.getMessage().contains("timeout") ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.OK;
            case INSUFFICIENT_RESOURCES -> HttpStatus.TOO_MANY_REQUESTS;
            case CONFIGURATION_LIMIT_EXCEEDED -> e.getMessage().startsWith("too many queries")
                    ? HttpStatus.TOO_MANY_REQUESTS
                    : HttpStatus.BAD_REQUEST;
            case SYSTEM_ERROR, CANNOT_CONNECT_NOW -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
            default -> HttpStatus.BAD_REQUEST;
        };
    }

    static byte[] body(SqlException e, String sqlQueryId, JsonMapper json) {
        String category;
        String code;
        switch (e.state()) {
            case QUERY_CANCELED -> {
                category = e.getMessage().contains("timeout") ? "TIMEOUT" : "CANCELED";
                code = e.getMessage().contains("timeout") ? "timeout" : "canceled";
            }
            case INSUFFICIENT_PRIVILEGE, INVALID_PASSWORD, INVALID_AUTHORIZATION_SPECIFICATION -> {
                category = "FORBIDDEN";
                code = "forbidden";
            }
            case CONFIGURATION_LIMIT_EXCEEDED, INSUFFICIENT_RESOURCES -> {
                category = "CAPACITY_EXCEEDED";
                code = "capacityExceeded";
            }
            case FEATURE_NOT_SUPPORTED -> {
                category = "UNSUPPORTED";
                code = "unsupported";
            }
            case SYSTEM_ERROR, INTERNAL_ERROR, CANNOT_CONNECT_NOW -> {
                category = "RUNTIME_FAILURE";
                code = "runtimeFailure";
            }
            default -> {
                category = "INVALID_INPUT";
                code = "invalidInput";
            }
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("sqlState", e.state().code());
        if (e.hint() != null) {
            context.put("hint", e.hint());
        }
        if (sqlQueryId != null) {
            context.put("sqlQueryId", sqlQueryId);
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", "druidException");
        error.put("errorCode", code);
        error.put(
                "persona",
                e.state() == SqlState.INTERNAL_ERROR || e.state() == SqlState.SYSTEM_ERROR ? "OPERATOR" : "USER");
        error.put("category", category);
        error.put("errorMessage", e.getMessage());
        error.put("context", context);
        return json.writeValueAsString(error).getBytes(StandardCharsets.UTF_8);
    }
}
