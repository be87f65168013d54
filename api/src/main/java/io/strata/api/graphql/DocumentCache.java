package io.strata.api.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Parsed and validated GraphQL documents, by their text: dashboards send the same few documents over and over with
 * other variables, so each is parsed and validated once. The schema is fixed for the process, so an entry (valid, or
 * its validation errors) never goes stale; the size only bounds memory.
 */
@Configuration(proxyBeanMethods = false)
class DocumentCache {

    static final int MAX_DOCUMENTS = 2_000;

    @Bean
    GraphQlSourceBuilderCustomizer preparsedDocuments() {
        Cache<String, PreparsedDocumentEntry> documents =
                Caffeine.newBuilder().maximumSize(MAX_DOCUMENTS).build();
        PreparsedDocumentProvider provider = new PreparsedDocumentProvider() {
            @Override
            public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
                    ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
                return CompletableFuture.completedFuture(
                        documents.get(input.getQuery(), query -> parseAndValidate.apply(input)));
            }
        };
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(provider));
    }
}
