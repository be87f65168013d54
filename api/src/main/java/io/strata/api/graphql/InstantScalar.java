package io.strata.api.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** {@code DateTime}: an {@link Instant} written and read as ISO-8601 (offsets accepted on input). */
final class InstantScalar {

    static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An instant, ISO-8601")
            .coercing(new Coercing<Instant, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof Instant instant) {
                        return instant.toString();
                    }
                    if (value instanceof OffsetDateTime offset) {
                        return offset.toInstant().toString();
                    }
                    throw new CoercingSerializeException("not an instant: " + value);
                }

                @Override
                public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String text) {
                        return parse(text, CoercingParseValueException::new);
                    }
                    throw new CoercingParseValueException("DateTime must be an ISO-8601 string, not " + input);
                }

                @Override
                public Instant parseLiteral(
                        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof StringValue text) {
                        return parse(text.getValue(), CoercingParseLiteralException::new);
                    }
                    throw new CoercingParseLiteralException("DateTime must be an ISO-8601 string");
                }
            })
            .build();

    private InstantScalar() {}

    private static <E extends RuntimeException> Instant parse(
            String text, java.util.function.Function<String, E> error) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException offsetMissing) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw error.apply("DateTime '" + text + "' is not ISO-8601, e.g. 2024-01-31T00:00:00Z");
            }
        }
    }
}
