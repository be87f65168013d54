package io.strata.ingestion.web;

import io.strata.ingestion.StrataException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * REST errors as JSON {@code {"error": "...", "code": "...", "details": ...}}: each domain error kind has one
 * status; anything unexpected is an opaque 500 with a correlation id that is also in the log.
 */
@RestControllerAdvice
class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    @ExceptionHandler(StrataException.class)
    ResponseEntity<Map<String, Object>> domain(StrataException e) {
        HttpStatus status =
                switch (e.kind()) {
                    case NOT_FOUND -> HttpStatus.NOT_FOUND;
                    case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
                    case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
                    case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
                    case UNSUPPORTED_MEDIA -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
                    case FORBIDDEN -> HttpStatus.FORBIDDEN;
                    case UPSTREAM_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
                    case UPSTREAM_TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
                };
        return body(status, e.getMessage(), e.details());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<Map<String, Object>> status(ResponseStatusException e) {
        return body(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason(), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        String correlationId = UUID.randomUUID().toString();
        log.error("Unexpected error, correlation id {}", correlationId, e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal error (correlation id " + correlationId + ")", null);
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message, Object details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("code", status.name());
        if (details != null) {
            body.put("details", details);
        }
        return ResponseEntity.status(status).body(body);
    }
}
