package io.strata.api.limits;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.Map;

/** GraphQL errors of request limits, each with an {@code extensions.code} clients can act on. */
final class LimitErrors {

    /** Error classifications beyond Spring's ErrorType for limits that are neither bad input nor forbidden. */
    enum LimitErrorType implements ErrorClassification {
        RATE_LIMITED,
        QUERY_TOO_DEEP,
        QUERY_TOO_COMPLEX
    }

    private LimitErrors() {}

    static GraphQLError error(LimitErrorType type, String message, Map<String, Object> details) {
        Map<String, Object> extensions = new java.util.LinkedHashMap<>();
        extensions.put("code", type.name());
        extensions.putAll(details);
        return GraphqlErrorBuilder.newError()
                .errorType(type)
                .message(message)
                .extensions(extensions)
                .build();
    }
}
