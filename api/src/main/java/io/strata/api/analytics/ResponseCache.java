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
import io.strata.api.security.BearerToken;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whole answers of analytics queries, kept as the bytes of their HTTP response, so that asking a dashboard's question
 * again costs no GraphQL and no security chain: no request decoding, argument binding, access check, model, SQL,
 * result-cache lookup or JSON encoding. A hit is answered by this web filter just before Spring Security's chain; it
 * takes from the caller's rate limit like any request, and answers its correlation id.
 *
 * <p>What is kept: the answer of an HTTP {@code POST} with a bearer token, whose body (at most {@value #MAX_BODY}
 * bytes, of announced length) is a query whose root fields are all {@code kpis}, {@code timeseries}, {@code topN} or
 * {@code table} (and {@code __typename}), each naming its dataset as a literal or a variable, that completed without
 * an error. The GraphQL side of this class (an interceptor, after the operation's role check and the rate limit)
 * decides that and reads the datasets' versions before the query runs; the filter then keeps the response: its bytes
 * and its headers as committed (Spring Security's among them). The key is the bearer token, the request's body, and
 * its {@code Accept}, {@code Content-Type} and {@code Origin}.
 *
 * <p>Why a hit may skip Spring Security: the same token asking the same bytes at the same path passed every check of
 * a full execution once — authentication, the path's authority, the operation's role, the dataset's grant and row
 * filter. Of those, only the token's validity can change by itself (it expires; its signing key may be withdrawn), so
 * a hit first asks the application's {@link ReactiveJwtDecoder} (the one Spring Security authenticates with, which
 * remembers the tokens it verified and checks their expiry on every use) to accept the token again; a refused token
 * goes the full way, where Spring Security answers it. The authorities follow from the token's claims, so they are
 * those the answer was computed under; everything else is the datasets' metadata version, below. The firewall's
 * checks do not apply: the path is compared exactly, and only the correlation id header is echoed, when it is safe.
 *
 * <p>Never stale: an answer is served only while every dataset it names is at the version it was computed under.
 * Every change that could alter it advances that version — a successful ingestion (the data version), a grant, a row
 * policy, a measure definition — on this node the moment it commits, and on every other when PostgreSQL's change
 * notification arrives; a node that is not receiving notifications keeps and serves nothing. Other queries (the
 * dataset list, ingestion tasks, the caller), mutations, subscriptions and WebSocket requests are not kept.
 *
 * <p>One {@link Ordered order} places both sides: the filter right before Spring Security's chain (whose order is
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

    /** Right before Spring Security's web filter chain (-100). */
    static final int ORDER = -101;

    private static final String PENDING = ResponseCache.class.getName() + ".pending";

    private static final Set<String> ANALYTICS = Set.of("kpis", "timeseries", "topN", "table");

    /** The datasets a query names, each a literal ({@code name}) or a variable ({@code variable}). */
    record DatasetArgument(String name, String variable) {}

    /** Response headers a kept answer does not repeat: its own length, and the request's correlation id. */
    private static final Set<String> PER_RESPONSE =
            Set.of(HttpHeaders.CONTENT_LENGTH.toLowerCase(Locale.ROOT), CorrelationId.HEADER.toLowerCase(Locale.ROOT));

    private record Key(String token, String accept, String contentType, String origin, String body) {}

    /**
     * A kept response: who it was computed for (their rate limit pays for each hit), the datasets it names with the
     * version of each it was computed under, and the response's headers and bytes.
     */
    private record Answer(
            Authentication caller,
            List<String> datasets,
            List<MetadataCache.Version> versions,
            List<Map.Entry<String, List<String>>> headers,
            byte[] body) {}

    /** Set on a request's exchange by the filter; the interceptor fills it in when the answer may be kept. */
    private static final class Pending {
        private final String token;
        private Authentication caller;
        private List<String> datasets;
        private List<MetadataCache.Version> versions;

        private Pending(String token) {
            this.token = token;
        }
    }

    private final boolean enabled;
    private final String path;
    private final MetadataCache metadata;
    private final ReactiveJwtDecoder tokens;
    private final ClientRateLimit rateLimit;
    private final Cache<Key, Answer> answers;
    private final Counter hits;
    private final Counter misses;
    private final Counter bypasses;

    ResponseCache(
            AnalyticsSettings settings,
            @org.springframework.beans.factory.annotation.Value("${spring.graphql.http.path:/graphql}") String path,
            MetadataCache metadata,
            ReactiveJwtDecoder tokens,
            ClientRateLimit rateLimit,
            MeterRegistry registry) {
        this.enabled = settings.cache().enabled() && settings.cache().responses();
        this.path = path;
        this.metadata = metadata;
        this.tokens = tokens;
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
        String token = BearerToken.of(request.getHeaders());
        if (token == null) {
            return chain.filter(exchange); // no token: Spring Security refuses it, or it is no caller's to keep
        }
        return DataBufferUtils.join(request.getBody(), MAX_BODY)
                .map(ResponseCache::bytes)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> answer(exchange, chain, token, body));
    }

    private Mono<Void> answer(ServerWebExchange exchange, WebFilterChain chain, String token, byte[] body) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        Key key = new Key(
                token,
                headers.getFirst(HttpHeaders.ACCEPT),
                headers.getFirst(HttpHeaders.CONTENT_TYPE),
                headers.getFirst(HttpHeaders.ORIGIN),
                new String(body, StandardCharsets.ISO_8859_1));
        Answer answer = answers.getIfPresent(key);
        if (answer == null || !current(answer)) {
            return compute(exchange, chain, key, body);
        }
        return tokens.decode(token)
                .map(accepted -> Boolean.TRUE)
                .onErrorReturn(Boolean.FALSE)
                .flatMap(accepted -> accepted
                                && rateLimit.acquire(
                                                answer.caller(),
                                                exchange.getRequest().getRemoteAddress())
                                        == 0
                        ? write(exchange, answer)
                        // A token no longer accepted, or over the rate limit: the full way answers either.
                        : compute(exchange, chain, key, body));
    }

    /**
     * Asked for the first time, changed since, or refused here: the request goes on with its body, and its response
     * is kept if the interceptor finds it may be.
     */
    private Mono<Void> compute(ServerWebExchange exchange, WebFilterChain chain, Key key, byte[] body) {
        Pending pending = new Pending(key.token());
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
                            // Last of the actions before the headers are sent: sees them as Spring Security and
                            // everything else left them.
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
        if (!HttpStatus.OK.equals(response.getStatusCode())
                || headers.getContentType() == null
                || headers.containsHeader(HttpHeaders.SET_COOKIE)) {
            return;
        }
        List<Map.Entry<String, List<String>>> kept = new ArrayList<>();
        headers.forEach((name, values) -> {
            if (!PER_RESPONSE.contains(name.toLowerCase(Locale.ROOT))) {
                kept.add(Map.entry(name, List.copyOf(values)));
            }
        });
        answers.put(key, new Answer(pending.caller, pending.datasets, pending.versions, List.copyOf(kept), body));
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
        for (Map.Entry<String, List<String>> header : answer.headers()) {
            headers.put(header.getKey(), header.getValue());
        }
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
        // Only a request the filter let through carries one: an HTTP POST with a bearer token.
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
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication)
                // Authenticated otherwise than by the token the filter keys on: answered, not kept.
                .filter(caller -> caller instanceof JwtAuthenticationToken jwt
                        && jwt.getToken().getTokenValue().equals(pending.token))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> chain.next(request).doOnNext(response -> {
                    if (caller.isPresent()
                            && response.isValid()
                            && response.getExecutionResult().getErrors().isEmpty()) {
                        pending.caller = caller.get();
                        pending.datasets = datasets.get();
                        pending.versions = versions.get();
                    }
                }));
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
