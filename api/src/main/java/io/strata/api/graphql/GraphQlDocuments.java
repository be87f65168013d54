package io.strata.api.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.List;
import java.util.Optional;

/**
 * Requests' documents parsed once by their text, for the checks that read a document before graphql-java runs it
 * (the role an operation needs, whether its answer may be kept). Clients send the same few documents again and
 * again; a document that does not parse is remembered as empty, and graphql-java answers it with the syntax error.
 */
public final class GraphQlDocuments {

    private static final Cache<String, Optional<Document>> DOCUMENTS =
            Caffeine.newBuilder().maximumSize(2_000).build();

    private GraphQlDocuments() {}

    /** The parsed document, or empty when it does not parse. */
    public static Optional<Document> parse(String document) {
        return document == null ? Optional.empty() : DOCUMENTS.get(document, GraphQlDocuments::parseText);
    }

    /**
     * The operation a request runs: the one named {@code operationName}, or the only one when no name is given;
     * empty where graphql-java refuses the request (no such operation, several and no name, a syntax error).
     */
    public static Optional<OperationDefinition> operation(String document, String operationName) {
        return parse(document).flatMap(parsed -> {
            List<OperationDefinition> operations = parsed.getDefinitionsOfType(OperationDefinition.class);
            if (operationName == null) {
                return operations.size() == 1 ? Optional.of(operations.get(0)) : Optional.empty();
            }
            return operations.stream()
                    .filter(operation -> operationName.equals(operation.getName()))
                    .findFirst();
        });
    }

    private static Optional<Document> parseText(String document) {
        try {
            return Optional.of(Parser.parse(document));
        } catch (InvalidSyntaxException e) {
            return Optional.empty();
        }
    }
}
