package io.strata.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strata.api.metadata.MetadataCache;
import io.strata.api.metadata.MetadataSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.DefaultExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.LinkedMultiValueMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whole answers kept on Spring GraphQL's real web handler: a repeated question is not executed again, and any change
 * to a dataset it names, another caller, or not listening for changes means it is.
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

    final WebGraphQlHandler handler = WebGraphQlHandler.builder(
                    new DefaultExecutionGraphQlService(GraphQlSource.builder(new SchemaGenerator()
                                    .makeExecutableSchema(
                                            new SchemaParser().parse(SCHEMA),
                                            RuntimeWiring.newRuntimeWiring()
                                                    .type("Query", q -> q.dataFetcher(
                                                                    "kpis", env -> answer(env.getArgument("dataset")))
                                                            .dataFetcher(
                                                                    "timeseries",
                                                                    env -> answer(env.getArgument("dataset")))
                                                            .dataFetcher("me", env -> "someone"))
                                                    .type(
                                                            "Mutation",
                                                            m -> m.dataFetcher(
                                                                    "kpis", env -> answer(env.getArgument("dataset"))))
                                                    .build()))
                            .build()))
            .interceptor(new ResponseCache(AnalyticsSettings.defaults(), metadata, JSON, registry))
            .build();

    ResponseCacheTest() {
        metadata.listening(true);
    }

    @Test
    void theSameQuestionFromTheSameCallerIsExecutedOnce() {
        WebGraphQlResponse first = ask("alice", KPIS, Map.of("d", "sales"));
        WebGraphQlResponse second = ask("alice", KPIS, Map.of("d", "sales"));

        assertThat(body(first)).isEqualTo("{\"data\":{\"kpis\":1}}");
        assertThat(body(second)).as("what HTTP writes").isEqualTo(body(first));
        assertThat(executions).hasValue(1);
        assertThat(count("hit")).isEqualTo(1);
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
    void aChangeToTheDatasetIsAnsweredAtOnce() {
        ask("alice", KPIS, Map.of("d", "sales"));
        truth.put("sales", 2);
        assertThat(body(ask("alice", KPIS, Map.of("d", "sales"))))
                .as("before the change is known, the answer it was computed under")
                .isEqualTo("{\"data\":{\"kpis\":1}}");

        metadata.changed("sales"); // an ingestion, a grant, a row policy or a measure committed

        assertThat(body(ask("alice", KPIS, Map.of("d", "sales")))).isEqualTo("{\"data\":{\"kpis\":2}}");
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
        assertThat(ask("alice", KPIS, Map.of("d", "sales")).getErrors()).isNotEmpty();

        assertThat(ask("alice", KPIS, Map.of("d", "sales")).getErrors()).isEmpty();
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
        handler.handleRequest(request(KPIS, Map.of("d", "sales"))).block(Duration.ofSeconds(5));
        handler.handleRequest(request(KPIS, Map.of("d", "sales"))).block(Duration.ofSeconds(5));

        assertThat(executions).hasValue(2);
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

    private Object answer(String dataset) {
        executions.incrementAndGet();
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("Druid is unavailable");
        }
        return truth.get(dataset);
    }

    /** The response as the HTTP handler writes it. */
    private static String body(WebGraphQlResponse response) {
        return JSON.writeValueAsString(response.toMap());
    }

    private double count(String result) {
        return registry.get("strata.analytics.responses")
                .tag("result", result)
                .counter()
                .count();
    }

    private WebGraphQlResponse ask(String subject, String document, Map<String, Object> variables) {
        Jwt jwt = Jwt.withTokenValue("token-of-" + subject)
                .header("alg", "RS256")
                .subject(subject)
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .build();
        return handler.handleRequest(request(document, variables))
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(new JwtAuthenticationToken(jwt)))
                .block(Duration.ofSeconds(5));
    }

    private static WebGraphQlRequest request(String document, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        return new WebGraphQlRequest(
                URI.create("http://localhost/graphql"),
                new HttpHeaders(),
                new LinkedMultiValueMap<>(),
                new InetSocketAddress("127.0.0.1", 40000),
                Map.of(),
                body,
                "1",
                Locale.ROOT);
    }
}
