package io.strata.api.analytics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.strata.api.correlation.CorrelationId;
import io.strata.api.graphql.GraphQlDocuments;
import io.strata.api.limits.ClientRateLimit;
import io.strata.api.metadata.MetadataCache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whole answers of analytics queries, kept as the bytes of their HTTP response, so that asking a dashboard's question
 * again costs no GraphQL: no request decoding, argument binding, access check, model, SQL, result-cache lookup or JSON
 * encoding. A hit is answered by this web filter, which runs inside the one security chain every request passes: after
 * Spring Security's web filter chain has authenticated the caller and authorized the path, and wrote its headers. It
 * takes from the caller's rate limit like any request, and answers its correlation id.
 *
 * <p>What is kept: the answer of an HTTP {@code POST} authenticated by a bearer token, whose body (at most
 * {@value #MAX_BODY} bytes, of announced length) is a query whose root fields are all {@code kpis}, {@code timeseries},
 * {@code topN} or {@code table} (and {@code __typename}), each naming its dataset as a literal or a variable, that
 * completed without an error. The GraphQL side of this class (an interceptor, after the operation's role check and the
 * rate limit) decides that and reads the datasets' versions before the query runs; the filter then keeps the
 * response's bytes and content type. Every other header is the security chain's and the other filters', which run for
 * a hit as for any request. The key is the bearer token, the request's body, and its {@code Accept} and
 * {@code Content-Type}: the same token asking the same bytes passed every check of a full execution once — the
 * operation's role, the dataset's grant and row filter — and on a hit Spring Security has just checked the token and
 * the path again.
 *
 * <p>Never stale: an answer is served only while every dataset it names is at the version it was computed under.
 * Every change that could alter it advances that version — a successful ingestion (the data version), a grant, a row
 * policy, a measure definition — on this node the moment it commits, and on every other when PostgreSQL's change
 * notification arrives; a node that is not receiving notifications keeps and serves nothing. Other queries (the
 * dataset list, ingestion tasks, the caller), mutations, subscriptions and WebSocket requests are not kept.
 *
 * <p>One {@link Ordered order} places both sides: the filter right after Spring Security's chain (whose order is
 * {@code WebFluxSecurityConfiguration.WEB_FILTER_CHAIN_FILTER_ORDER}, -100), the interceptor after the correlation
 * id, the operation's role check and the rate limit ({@code HIGHEST_PRECEDENCE + n}).
 *
 * <p>Settings: on with the result cache ({@code strata.analytics.cache.enabled}), off with
 * {@code strata.analytics.cache.responses=false}; bounded by the cache's {@code max-entries} and {@code ttl}. Metrics:
 * {@code strata.analytics.responses{result=hit|miss|bypass}}.
 */
@Component
public class ResponseCache implements WebFilter, WebGraphQlInterceptor, Ordered {

    /** The largest request body whose answer is kept; dashboards' questions are a few hundred bytes. */
    static final int MAX_BODY = 64 * 1024;

    /** Right after Spring Security's web filter chain (-100): every request a hit answers has passed it. */
    static final int ORDER = -99;

    private static final String PENDING = ResponseCache.class.getName() + ".pending";

    private static final Set<String> ANALYTICS = Set.of("kpis", "timeseries", "topN", "table");

    /** The datasets a query names, each a literal ({@code name}) or a variable ({@code variable}). */
    record DatasetArgument(String name, String variable) {}

    private record Key(String token, String accept, String contentType, String body) {}

    /** A kept response: the datasets it names with the version of each it was computed under, and its content. */
    private record Answer(
            List<String> datasets, List<MetadataCache.Version> versions, MediaType contentType, byte[] body) {}

    /** Set on a request's exchange by the filter; the interceptor fills it in when the answer may be kept. */
    private static final class Pending {
        private List<String> datasets;
        private List<MetadataCache.Version> versions;
    }

    private final boolean enabled;
    private final String path;
    private final MetadataCache metadata;
    private final ClientRateLimit rateLimit;
    private final Cache<Key, Answer> answers;
    private final Counter hits;
    private final Counter misses;
    private final Counter bypasses;

    ResponseCache(
            AnalyticsSettings settings,
            @org.springframework.beans.factory.annotation.Value("${spring.graphql.http.path:/graphql}") String path,
            MetadataCache metadata,
            ClientRateLimit rateLimit,
            MeterRegistry registry) {
        this.enabled = settings.cache().enabled() && settings.cache().responses();
        this.path = path;
        this.metadata = metadata;
        this.rateLimit = rateLimit;
        this.answers = Caffeine.newBuilder()
                .maximumSize(settings.cache().maxEntries())
                .expireAfterAccess(settings.cache().ttl())
                .build();
        this.hits = counter(registry, "hit");
        this.misses = counter(registry, "miss");
        this.bypasses = counter(registry, "bypass");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long length = request.getHeaders().getContentLength();
        if (!enabled
                || request.getMethod() != HttpMethod.POST
                || !request.getPath().pathWithinApplication().value().equals(path)
                || length <= 0
                || length > MAX_BODY) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication)
                .filter(caller -> caller instanceof JwtAuthenticationToken && caller.isAuthenticated())
                .cast(JwtAuthenticationToken.class)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> caller.isEmpty()
                        ? chain.filter(exchange) // not authenticated by a token: nobody's answer to keep
                        : DataBufferUtils.join(request.getBody(), MAX_BODY)
                                .map(ResponseCache::bytes)
                                .defaultIfEmpty(new byte[0])
                                .flatMap(body -> answer(exchange, chain, caller.get(), body)));
    }

    private Mono<Void> answer(
            ServerWebExchange exchange, WebFilterChain chain, JwtAuthenticationToken caller, byte[] body) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        Key key = new Key(
                caller.getToken().getTokenValue(),
                headers.getFirst(HttpHeaders.ACCEPT),
                headers.getFirst(HttpHeaders.CONTENT_TYPE),
                new String(body, StandardCharsets.ISO_8859_1));
        Answer answer = answers.getIfPresent(key);
        if (answer != null
                && current(answer)
                && rateLimit.acquire(caller, exchange.getRequest().getRemoteAddress()) == 0) {
            return write(exchange, answer);
        }
        // Asked for the first time, changed since, or over the rate limit (the full way answers RATE_LIMITED).
        return compute(exchange, chain, key, body);
    }

    /** The request goes on with its body, and its response is kept if the interceptor finds it may be. */
    private Mono<Void> compute(ServerWebExchange exchange, WebFilterChain chain, Key key, byte[] body) {
        Pending pending = new Pending();
        exchange.getAttributes().put(PENDING, pending);
        return chain.filter(exchange.mutate()
                .request(new ServerHttpRequestDecorator(exchange.getRequest()) {
                    @Override
                    public Flux<DataBuffer> getBody() {
                        return Flux.defer(() ->
                                Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
                    }
                })
                .response(new ServerHttpResponseDecorator(exchange.getResponse()) {
                    @Override
                    public Mono<Void> writeWith(Publisher<? extends DataBuffer> response) {
                        if (pending.versions == null) {
                            return super.writeWith(response);
                        }
                        return DataBufferUtils.join(response).flatMap(joined -> {
                            byte[] bytes = bytes(joined);
                            // The last action before the headers are sent: sees the status and headers as every
                            // filter left them.
                            beforeCommit(() -> {
                                keep(key, pending, this, bytes);
                                return Mono.empty();
                            });
                            return super.writeWith(Mono.just(bufferFactory().wrap(bytes)));
                        });
                    }
                })
                .build());
    }

    private void keep(Key key, Pending pending, ServerHttpResponse response, byte[] body) {
        HttpHeaders headers = response.getHeaders();
        HttpStatusCode status = response.getStatusCode();
        if ((status != null && !HttpStatus.OK.equals(status))
                || headers.getContentType() == null
                || headers.containsHeader(HttpHeaders.SET_COOKIE)) {
            return;
        }
        answers.put(key, new Answer(pending.datasets, pending.versions, headers.getContentType(), body));
    }

    /** Whether every dataset the answer names is still at the version it was computed under. */
    private boolean current(Answer answer) {
        return versions(answer.datasets()).filter(answer.versions()::equals).isPresent();
    }

    private Mono<Void> write(ServerWebExchange exchange, Answer answer) {
        hits.increment();
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.OK);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(answer.contentType());
        headers.setContentLength(answer.body().length);
        headers.set(
                CorrelationId.HEADER,
                CorrelationId.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(CorrelationId.HEADER)));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
    }

    /** The buffer's bytes; releases it. */
    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        // Only a request the filter let through carries one: an HTTP POST of a caller authenticated by a token.
        if (!(request.getAttributes().get(PENDING) instanceof Pending pending)) {
            return chain.next(request);
        }
        Optional<List<DatasetArgument>> arguments = datasets(request.getDocument(), request.getOperationName());
        if (arguments.isEmpty()) {
            return chain.next(request);
        }
        Optional<List<String>> datasets = names(arguments.get(), request.getVariables());
        Optional<List<MetadataCache.Version>> versions = datasets.flatMap(this::versions);
        if (versions.isEmpty()) {
            bypasses.increment();
            return chain.next(request);
        }
        misses.increment();
        return chain.next(request).doOnNext(response -> {
            if (response.isValid() && response.getExecutionResult().getErrors().isEmpty()) {
                pending.datasets = datasets.get();
                pending.versions = versions.get();
            }
        });
    }

    /** The name of each dataset named; empty when a variable does not hold one. */
    private static Optional<List<String>> names(List<DatasetArgument> datasets, Map<String, Object> variables) {
        List<String> names = new ArrayList<>(datasets.size());
        for (DatasetArgument dataset : datasets) {
            Object name = dataset.name() != null ? dataset.name() : variables.get(dataset.variable());
            if (!(name instanceof String text)) {
                return Optional.empty();
            }
            names.add(text);
        }
        return Optional.of(List.copyOf(names));
    }

    /** The current version of each dataset; empty when one cannot be known (not listening). */
    private Optional<List<MetadataCache.Version>> versions(List<String> datasets) {
        List<MetadataCache.Version> versions = new ArrayList<>(datasets.size());
        for (String dataset : datasets) {
            Optional<MetadataCache.Version> version = metadata.version(dataset);
            if (version.isEmpty()) {
                return Optional.empty();
            }
            versions.add(version.get());
        }
        return Optional.of(List.copyOf(versions));
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
                .description("Analytics answers over HTTP with a bearer token: served whole from memory, computed to be"
                        + " kept, or not keepable (metadata change notifications not received, or a dataset variable"
                        + " that holds no name)")
                .register(registry);
    }
}
