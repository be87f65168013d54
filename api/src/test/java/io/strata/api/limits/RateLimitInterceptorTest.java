package io.strata.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.strata.api.analytics.AnalyticsSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.DefaultExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.util.LinkedMultiValueMap;

/** The rate limit on Spring GraphQL's real web handler: a client over its burst gets RATE_LIMITED, others not. */
class RateLimitInterceptorTest {

    final WebGraphQlHandler handler = WebGraphQlHandler.builder(
                    new DefaultExecutionGraphQlService(GraphQlSource.builder(new SchemaGenerator()
                                    .makeExecutableSchema(
                                            new SchemaParser().parse("type Query { ping: String }"),
                                            RuntimeWiring.newRuntimeWiring()
                                                    .type("Query", q -> q.dataFetcher("ping", env -> "pong"))
                                                    .build()))
                            .build()))
            .interceptor(new RateLimitInterceptor(new ClientRateLimit(
                    new AnalyticsSettings(0, 0, 0, 0, 0, new AnalyticsSettings.RateLimit(true, 0.01, 2), null, null))))
            .build();

    @Test
    void aClientOverItsBurstIsRefusedWithRateLimitedAndOthersAreNot() {
        assertThat(ping("10.0.0.1").getErrors()).isEmpty();
        assertThat(ping("10.0.0.1").getErrors()).isEmpty();

        WebGraphQlResponse refused = ping("10.0.0.1");
        assertThat(refused.getErrors()).hasSize(1);
        assertThat(refused.getErrors().get(0).getExtensions())
                .containsEntry("code", "RATE_LIMITED")
                .containsKey("retryAfterSeconds");
        assertThat((Object) refused.getData()).isNull();

        assertThat(ping("10.0.0.2").getErrors()).isEmpty();
    }

    @Test
    void authenticatedCallersBehindOneAddressHaveTheirOwnBudgets() {
        assertThat(ping("10.0.0.9", "alice").getErrors()).isEmpty();
        assertThat(ping("10.0.0.9", "alice").getErrors()).isEmpty();
        assertThat(ping("10.0.0.9", "alice").getErrors()).singleElement().satisfies(e -> assertThat(e.getExtensions())
                .containsEntry("code", "RATE_LIMITED"));

        assertThat(ping("10.0.0.9", "bob").getErrors())
                .as("same address, another caller")
                .isEmpty();
    }

    private WebGraphQlResponse ping(String client, String subject) {
        TestingAuthenticationToken caller = new TestingAuthenticationToken(subject, null, "ROLE_viewer");
        return handler.handleRequest(request(client))
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(caller))
                .block(Duration.ofSeconds(5));
    }

    private WebGraphQlResponse ping(String client) {
        return handler.handleRequest(request(client)).block(Duration.ofSeconds(5));
    }

    private static WebGraphQlRequest request(String client) {
        WebGraphQlRequest request = new WebGraphQlRequest(
                URI.create("http://localhost/graphql"),
                new HttpHeaders(),
                new LinkedMultiValueMap<>(),
                new InetSocketAddress(client, 40000),
                Map.of(),
                Map.of("query", "{ ping }"),
                "1",
                Locale.ROOT);
        return request;
    }
}
