package io.strata.api.analytics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.strata.api.graphql.GraphQlDocuments;
import io.strata.api.metadata.MetadataCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * Whole answers of analytics queries, so that asking a dashboard's question again costs no GraphQL execution at all:
 * no argument binding, access check, model, SQL rendering or result-cache lookup. It sits after authentication,
 * the operation's role check and the rate limit, which every request still passes.
 *
 * <p>What is kept: the answer of an HTTP query whose root fields are all {@code kpis}, {@code timeseries},
 * {@code topN} or {@code table} (and {@code __typename}), each naming its dataset as a literal or a variable, that
 * completed without an error. The key is the caller's bearer token (so a caller's roles, groups and claims — what
 * decides their access and row filter — are exactly those of the answer), the document, the operation name and the
 * variables. Alongside it, the {@link MetadataCache.Version} of each dataset named, read before the query ran.
 *
 * <p>An answer is kept as its JSON, written once: a hit writes those bytes as they are (a time series of a few
 * hundred buckets took longer to encode than the rest of a hit).
 *
 * <p>Never stale: an answer is served only while every dataset it names is at the version it was computed under.
 * Every change that could alter it advances that version — a successful ingestion (the data version), a grant, a row
 * policy, a measure definition — on this node the moment it commits, and on every other when PostgreSQL's change
 * notification arrives; a node that is not receiving notifications keeps and serves nothing. Other queries (the
 * dataset list, ingestion tasks, the caller), mutations, subscriptions and WebSocket requests are not kept.
 *
 * <p>Settings: on with the result cache ({@code strata.analytics.cache.enabled}), off with
 * {@code strata.analytics.cache.responses=false}; bounded by the cache's {@code max-entries} and {@code ttl}. Metrics:
 * {@code strata.analytics.responses{result=hit|miss|bypass}}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ResponseCache implements WebGraphQlInterceptor {

    private static final Set<String> ANALYTICS = Set.of("kpis", "timeseries", "topN", "table");

    /** The datasets a query names, each a literal ({@code name}) or a variable ({@code variable}). */
    record DatasetArgument(String name, String variable) {}

    private record Key(String token, String document, String operation, Map<String, Object> variables) {}

    private record Answer(List<MetadataCache.Version> versions, ExecutionResult result) {}

    private final boolean enabled;
    private final MetadataCache metadata;
    private final JsonMapper json;
    private final Cache<Key, Answer> answers;
    private final Counter hits;
    private final Counter misses;
    private final Counter bypasses;

    ResponseCache(AnalyticsSettings settings, MetadataCache metadata, JsonMapper json, MeterRegistry registry) {
        this.enabled = settings.cache().enabled() && settings.cache().responses();
        this.metadata = metadata;
        this.json = json;
        this.answers = Caffeine.newBuilder()
                .maximumSize(settings.cache().maxEntries())
                .expireAfterAccess(settings.cache().ttl())
                .build();
        this.hits = counter(registry, "hit");
        this.misses = counter(registry, "miss");
        this.bypasses = counter(registry, "bypass");
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!enabled || request instanceof WebSocketGraphQlRequest) {
            return chain.next(request);
        }
        Optional<List<DatasetArgument>> datasets = datasets(request.getDocument(), request.getOperationName());
        if (datasets.isEmpty()) {
            return chain.next(request);
        }
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(caller -> ((JwtAuthenticationToken) caller).getToken().getTokenValue())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(token -> {
                    Optional<List<MetadataCache.Version>> versions =
                            token.isPresent() ? versions(datasets.get(), request.getVariables()) : Optional.empty();
                    if (versions.isEmpty()) {
                        bypasses.increment();
                        return chain.next(request);
                    }
                    Key key = new Key(
                            token.get(), request.getDocument(), request.getOperationName(), request.getVariables());
                    Answer answer = answers.getIfPresent(key);
                    if (answer != null && answer.versions().equals(versions.get())) {
                        hits.increment();
                        return Mono.just(new WebGraphQlResponse(
                                new DefaultExecutionGraphQlResponse(request.toExecutionInput(), answer.result())));
                    }
                    misses.increment();
                    return chain.next(request).doOnNext(response -> {
                        ExecutionResult result = response.getExecutionResult();
                        if (response.isValid() && result.getErrors().isEmpty()) {
                            answers.put(key, new Answer(versions.get(), encoded(result)));
                        }
                    });
                });
    }

    /** The answer with its data written as JSON once, which the HTTP response then writes as it is. */
    private ExecutionResult encoded(ExecutionResult result) {
        return ExecutionResult.newExecutionResult()
                .data(new RawValue(json.writeValueAsString((Object) result.getData())))
                .extensions(result.getExtensions())
                .build();
    }

    /** The current version of each dataset named; empty when one cannot be known (not listening, a bad variable). */
    private Optional<List<MetadataCache.Version>> versions(
            List<DatasetArgument> datasets, Map<String, Object> variables) {
        List<MetadataCache.Version> versions = new ArrayList<>(datasets.size());
        for (DatasetArgument dataset : datasets) {
            Object name = dataset.name() != null ? dataset.name() : variables.get(dataset.variable());
            if (!(name instanceof String text)) {
                return Optional.empty();
            }
            Optional<MetadataCache.Version> version = metadata.version(text);
            if (version.isEmpty()) {
                return Optional.empty();
            }
            versions.add(version.get());
        }
        return Optional.of(versions);
    }

    /**
     * The datasets the operation's root fields name, when its answer may be kept: a query whose root fields are all
     * analytics fields (or {@code __typename}), without directives on the operation or its root fields.
     */
    static Optional<List<DatasetArgument>> datasets(String document, String operationName) {
        OperationDefinition chosen =
                GraphQlDocuments.operation(document, operationName).orElse(null);
        if (chosen == null
                || chosen.getOperation() != OperationDefinition.Operation.QUERY
                || !chosen.getDirectives().isEmpty()) {
            return Optional.empty();
        }
        List<DatasetArgument> datasets = new ArrayList<>();
        for (Selection<?> selection : chosen.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || !field.getDirectives().isEmpty()) {
                return Optional.empty();
            }
            if (field.getName().equals("__typename")) {
                continue;
            }
            if (!ANALYTICS.contains(field.getName())) {
                return Optional.empty();
            }
            Argument argument = field.getArguments().stream()
                    .filter(a -> a.getName().equals("dataset"))
                    .findFirst()
                    .orElse(null);
            Value<?> value = argument == null ? null : argument.getValue();
            if (value instanceof StringValue literal) {
                datasets.add(new DatasetArgument(literal.getValue(), null));
            } else if (value instanceof VariableReference variable) {
                datasets.add(new DatasetArgument(null, variable.getName()));
            } else {
                return Optional.empty();
            }
        }
        return datasets.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(datasets));
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("strata.analytics.responses")
                .tag("result", result)
                .description("Analytics answers over HTTP: served whole from memory, computed and kept, or not keepable"
                        + " (no token, or metadata change notifications not received)")
                .register(registry);
    }
}
