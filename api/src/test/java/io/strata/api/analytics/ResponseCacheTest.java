package io.strata.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strata.api.correlation.CorrelationId;
import io.strata.api.limits.ClientRateLimit;
import io.strata.api.metadata.MetadataCache;
import io.strata.api.metadata.MetadataSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.DefaultExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webflux.GraphQlHttpHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whole answers kept on Spring GraphQL's real HTTP handler, behind the filter as a server runs it: a repeated question
 * is not executed again, and any change to a dataset it names, another caller, or not listening for changes means it
 * is.
 */
class ResponseCacheTest {

    static final String SCHEMA =
            """
            type Query { kpis(dataset: ID!, n: Int): Int, timeseries(dataset: ID!): Int, me: String }
            type Mutation { kpis(dataset: ID!): Int }
            """;
    static final String KPIS = "query($d: ID!, $n: Int) { kpis(dataset: $d, n: $n) }";

    static final JsonMapper JSON = JsonMapper.builder().build();

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MetadataCache metadata = new MetadataCache(MetadataSettings.defaults(), registry);
    /** The answer each dataset has now; the fetcher reads it on every execution. */
    final Map<String, Integer> truth = new ConcurrentHashMap<>(Map.of("sales", 1, "returns", 100));

    final AtomicInteger executions = new AtomicInteger();
    final AtomicInteger failuresLeft = new AtomicInteger();

    /** Two requests a caller may send at once, then one every 100 s. */
    final ClientRateLimit rateLimit = new ClientRateLimit(
            new AnalyticsSettings(0, 0, 0, 0, 0, new AnalyticsSettings.RateLimit(true, 0.01, 2), null, null));

    /** Subjects whose tokens the decoder refuses now (an expired token, a withdrawn key). */
    final Set<String> refused = ConcurrentHashMap.newKeySet();

    /** Stands in for the application's token decoder: {@code token-of-<subject>} is that subject's JWT. */
    final ReactiveJwtDecoder decoder = token -> {
        String subject = token.substring("token-of-".length());
        if (refused.contains(subject)) {
            return Mono.error(new BadJwtException("An error occurred while attempting to decode the Jwt: expired"));
        }
        return Mono.just(Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject(subject)
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .build());
    };

    /** Callers a rule of the security chain refuses now (an IP rule, a new policy: any rule added later). */
    final Set<String> denied = ConcurrentHashMap.newKeySet();

    final ResponseCache cache =
            new ResponseCache(AnalyticsSettings.defaults(), "/graphql", metadata, rateLimit, registry);

    final WebTestClient client = WebTestClient.bindToRouterFunction(RouterFunctions.route()
                    .POST(
                            "/graphql",
                            new GraphQlHttpHandler(WebGraphQlHandler.builder(new DefaultExecutionGraphQlService(
                                            GraphQlSource.builder(new SchemaGenerator()
                                                            .makeExecutableSchema(
                                                                    new SchemaParser().parse(SCHEMA), wiring()))
                                                    .build()))
                                    .interceptor(cache)
                                    .build())::handleRequest)
                    .build())
            .webFilter(new WebFilterChainProxy(security()), cache)
            .build();

    ResponseCacheTest() {
        metadata.listening(true);
    }

    @Test
    void theSameQuestionFromTheSameCallerIsExecutedOnce() {
        EntityExchangeResult<String> first = exchange("alice", KPIS, Map.of("d", "sales"), "first");
        EntityExchangeResult<String> second = exchange("alice", KPIS, Map.of("d", "sales"), "second");

        assertThat(first.getResponseBody()).isEqualTo("{\"data\":{\"kpis\":1}}");
        assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(second.getResponseHeaders().getContentType())
                .isEqualTo(first.getResponseHeaders().getContentType());
        assertThat(second.getResponseHeaders().getFirst(CorrelationId.HEADER))
                .as("a kept answer still answers its own correlation id")
                .isEqualTo("second");
        assertThat(executions).hasValue(1);
        assertThat(count("hit")).isEqualTo(1);
    }

    @Test
    void aKeptAnswerCarriesTheHeadersTheSecurityChainWritesForIt() {
        EntityExchangeResult<String> first = exchange("alice", KPIS, Map.of("d", "sales"), null);
        EntityExchangeResult<String> second = exchange("alice", KPIS, Map.of("d", "sales"), null);

        assertThat(count("hit")).isEqualTo(1);
        assertThat(first.getResponseHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(second.getResponseHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(second.getResponseHeaders().getContentLength())
                .isEqualTo(first.getResponseBody().length());
    }

    @Test
    void aTokenTheDecoderNowRefusesIsNeverServedAKeptAnswer() {
        ask("alice", KPIS, Map.of("d", "sales"));
        refused.add("alice"); // expired since, or signed with a key the identity provider withdrew

        client.post()
                .uri("/graphql")
                .headers(headers -> headers.setBearerAuth("token-of-alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(KPIS, Map.of("d", "sales")))
                .exchange()
                .expectStatus()
                .isUnauthorized();

        assertThat(count("hit")).isZero();
        assertThat(executions).hasValue(1);
        refused.remove("alice");
        ask("alice", KPIS, Map.of("d", "sales"));
        assertThat(count("hit"))
                .as("accepted again: the kept answer is still current")
                .isEqualTo(1);
    }

    @Test
    void everyRuleOfTheSecurityChainAppliesToAKeptAnswer() {
        ask("alice", KPIS, Map.of("d", "sales"));
        denied.add("alice");

        client.post()
                .uri("/graphql")
                .headers(headers -> headers.setBearerAuth("token-of-alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(KPIS, Map.of("d", "sales")))
                .exchange()
                .expectStatus()
                .isForbidden();

        assertThat(count("hit")).isZero();
        denied.remove("alice");
        ask("alice", KPIS, Map.of("d", "sales"));
        assertThat(count("hit")).isEqualTo(1);
        assertThat(executions).hasValue(1);
    }

    @Test
    void anotherCallerOrOtherVariablesAreExecutedAgain() {
        ask("alice", KPIS, Map.of("d", "sales"));
        ask("bob", KPIS, Map.of("d", "sales"));
        ask("alice", KPIS, Map.of("d", "sales", "n", 2));
        ask("alice", KPIS, Map.of("d", "returns"));

        assertThat(executions).hasValue(4);
    }

    @Test
    void anotherAcceptedMediaTypeIsExecutedAgainAndAnsweredInIt() {
        ask("alice", KPIS, Map.of("d", "sales"));
        EntityExchangeResult<String> graphQlResponse = client.post()
                .uri("/graphql")
                .header(HttpHeaders.AUTHORIZATION, "Bearer token-of-alice")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.parseMediaType("application/graphql-response+json"))
                .bodyValue(body(KPIS, Map.of("d", "sales")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();

        assertThat(graphQlResponse.getResponseHeaders().getContentType())
                .hasToString("application/graphql-response+json");
        assertThat(executions).hasValue(2);
    }

    @Test
    void aChangeToTheDatasetIsAnsweredAtOnce() {
        ask("alice", KPIS, Map.of("d", "sales"));
        truth.put("sales", 2);
        assertThat(ask("alice", KPIS, Map.of("d", "sales")))
                .as("before the change is known, the answer it was computed under")
                .isEqualTo("{\"data\":{\"kpis\":1}}");

        metadata.changed("sales"); // an ingestion, a grant, a row policy or a measure committed

        assertThat(ask("alice", KPIS, Map.of("d", "sales"))).isEqualTo("{\"data\":{\"kpis\":2}}");
        assertThat(ask("alice", KPIS, Map.of("d", "sales"))).isEqualTo("{\"data\":{\"kpis\":2}}");
        assertThat(executions).hasValue(2);
    }

    @Test
    void aChangeToAnotherDatasetKeepsTheAnswer() {
        ask("alice", KPIS, Map.of("d", "sales"));
        metadata.changed("returns");

        ask("alice", KPIS, Map.of("d", "sales"));

        assertThat(executions).hasValue(1);
    }

    @Test
    void aQueryOverTwoDatasetsIsExecutedAgainWhenEitherChanges() {
        String both = "{ a: kpis(dataset: \"sales\") b: timeseries(dataset: \"returns\") }";
        ask("alice", both, Map.of());
        ask("alice", both, Map.of());
        assertThat(executions).hasValue(2); // two fields, one execution

        metadata.changed("returns");
        ask("alice", both, Map.of());

        assertThat(executions).hasValue(4);
    }

    @Test
    void nothingIsKeptWhileChangesAreNotReceived() {
        metadata.listening(false);

        ask("alice", KPIS, Map.of("d", "sales"));
        ask("alice", KPIS, Map.of("d", "sales"));

        assertThat(executions).hasValue(2);
        assertThat(count("bypass")).isEqualTo(2);
    }

    @Test
    void anAnswerKeptBeforeNotificationsStoppedIsNotServedAfterThey() {
        ask("alice", KPIS, Map.of("d", "sales"));
        metadata.listening(false);
        metadata.listening(true); // a new epoch: changes may have been missed in between

        ask("alice", KPIS, Map.of("d", "sales"));

        assertThat(executions).hasValue(2);
    }

    @Test
    void anAnswerWithAnErrorIsNotKept() {
        failuresLeft.set(1);
        assertThat(ask("alice", KPIS, Map.of("d", "sales"))).contains("\"errors\"");

        assertThat(ask("alice", KPIS, Map.of("d", "sales"))).isEqualTo("{\"data\":{\"kpis\":1}}");
        ask("alice", KPIS, Map.of("d", "sales"));

        assertThat(executions).hasValue(2);
    }

    @Test
    void otherRootFieldsMutationsAndDirectivesAreNeverKept() {
        for (String document : new String[] {
            "{ kpis(dataset: \"sales\") me }",
            "mutation { kpis(dataset: \"sales\") }",
            "query($skip: Boolean!) { kpis(dataset: \"sales\") @skip(if: $skip) }",
        }) {
            Map<String, Object> variables = document.contains("$skip") ? Map.of("skip", false) : Map.of();
            int before = executions.get();
            ask("alice", document, variables);
            ask("alice", document, variables);
            assertThat(executions.get() - before).as(document).isEqualTo(2);
        }
    }

    @Test
    void aCallerWithoutATokenIsNotKept() {
        ask(null, KPIS, Map.of("d", "sales"));
        ask(null, KPIS, Map.of("d", "sales"));

        assertThat(executions).hasValue(2);
    }

    @Test
    void aKeptAnswerTakesFromTheCallersRateLimitAndIsNotServedOverIt() {
        ask("alice", KPIS, Map.of("d", "sales")); // computed (this handler has no GraphQL rate limit of its own)
        ask("alice", KPIS, Map.of("d", "sales")); // served whole: the first of alice's two
        ask("alice", KPIS, Map.of("d", "sales")); // the second
        assertThat(count("hit")).isEqualTo(2);

        ask("alice", KPIS, Map.of("d", "sales"));

        assertThat(count("hit"))
                .as("over the limit, the request goes the full way, whose rate limit answers RATE_LIMITED")
                .isEqualTo(2);
        assertThat(rateLimit.acquire(new TestingAuthenticationToken("alice", null, "ROLE_viewer"), null))
                .as("alice's budget is spent")
                .isPositive();
        assertThat(rateLimit.acquire(new TestingAuthenticationToken("bob", null, "ROLE_viewer"), null))
                .as("bob's is not")
                .isZero();
    }

    @Test
    void anOperationNamedAmongSeveralIsKeptByItsOwnDatasets() {
        String document = "query A { kpis(dataset: \"sales\") } query B { kpis(dataset: \"returns\") }";
        assertThat(ResponseCache.datasets(document, "B")).hasValueSatisfying(datasets -> assertThat(datasets)
                .containsExactly(new ResponseCache.DatasetArgument("returns", null)));
        assertThat(ResponseCache.datasets(document, null))
                .as("two operations, none named: graphql-java refuses it")
                .isEmpty();
    }

    private RuntimeWiring wiring() {
        return RuntimeWiring.newRuntimeWiring()
                .type("Query", q -> q.dataFetcher("kpis", env -> answer(env.getArgument("dataset")))
                        .dataFetcher("timeseries", env -> answer(env.getArgument("dataset")))
                        .dataFetcher("me", env -> "someone"))
                .type("Mutation", m -> m.dataFetcher("kpis", env -> answer(env.getArgument("dataset"))))
                .build();
    }

    private Object answer(String dataset) {
        executions.incrementAndGet();
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("Druid is unavailable");
        }
        return truth.get(dataset);
    }

    /**
     * Spring Security's own web filter chain, before the cache as on a server: bearer authentication through the
     * decoder (401 for a refused token), its default response headers, and a rule refusing the callers in
     * {@link #denied} (403).
     */
    private SecurityWebFilterChain security() {
        return ServerHttpSecurity.http()
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(
                        exchanges -> exchanges.anyExchange().access((authentication, context) -> authentication
                                .<AuthorizationResult>map(
                                        caller -> new AuthorizationDecision(!denied.contains(caller.getName())))
                                .defaultIfEmpty(new AuthorizationDecision(true))))
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtDecoder(decoder)))
                .build();
    }

    private double count(String result) {
        return registry.get("strata.analytics.responses")
                .tag("result", result)
                .counter()
                .count();
    }

    private String ask(String subject, String document, Map<String, Object> variables) {
        return exchange(subject, document, variables, null).getResponseBody();
    }

    private EntityExchangeResult<String> exchange(
            String subject, String document, Map<String, Object> variables, String correlationId) {
        return client.post()
                .uri("/graphql")
                .headers(headers -> {
                    if (subject != null) {
                        headers.setBearerAuth("token-of-" + subject);
                    }
                    if (correlationId != null) {
                        headers.set(CorrelationId.HEADER, correlationId);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(document, variables))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
    }

    private static String body(String document, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        return JSON.writeValueAsString(body);
    }
}
