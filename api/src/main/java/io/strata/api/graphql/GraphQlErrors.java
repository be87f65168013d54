package io.strata.api.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.strata.ingestion.StrataException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * GraphQL errors: each domain error kind has an {@link ErrorType} and an {@code extensions.code}; anything else is
 * an opaque INTERNAL_ERROR with a correlation id that is also logged. Never a stack trace or SQL text.
 */
@ControllerAdvice
class GraphQlErrors {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);

    @GraphQlExceptionHandler
    GraphQLError domain(StrataException e, DataFetchingEnvironment environment) {
        ErrorType type;
        String code;
        switch (e.kind()) {
            case NOT_FOUND -> {
                type = ErrorType.NOT_FOUND;
                code = "NOT_FOUND";
            }
            case FORBIDDEN -> {
                type = ErrorType.FORBIDDEN;
                code = "FORBIDDEN";
            }
            case UPSTREAM_UNAVAILABLE -> {
                type = ErrorType.INTERNAL_ERROR;
                code = "UPSTREAM_UNAVAILABLE";
            }
            case UPSTREAM_TIMEOUT -> {
                type = ErrorType.INTERNAL_ERROR;
                code = "UPSTREAM_TIMEOUT";
            }
            default -> {
                type = ErrorType.BAD_REQUEST;
                code = "BAD_REQUEST";
            }
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        if (e.details() instanceof Map<?, ?> details) {
            details.forEach((key, value) -> extensions.put(String.valueOf(key), value));
        }
        return GraphqlErrorBuilder.newError(environment)
                .errorType(type)
                .message(e.getMessage())
                .extensions(extensions)
                .build();
    }

    @GraphQlExceptionHandler
    GraphQLError unexpected(Exception e, DataFetchingEnvironment environment) {
        String correlationId = UUID.randomUUID().toString();
        log.error("Unexpected GraphQL error, correlation id {}", correlationId, e);
        return GraphqlErrorBuilder.newError(environment)
                .errorType(ErrorType.INTERNAL_ERROR)
                .message("internal error (correlation id " + correlationId + ")")
                .extensions(Map.of("code", "INTERNAL_ERROR", "correlationId", correlationId))
                .build();
    }
}
