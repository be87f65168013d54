package io.strata.api;

import java.time.Duration;
import java.util.Map;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;

/** Bearer tokens from the running server's local issuer, as a client of the README would get them. */
public final class TestTokens {

    private TestTokens() {}

    /** A token for one of the dev clients ({@code strata-admin}, {@code strata-analyst}, {@code strata-viewer}). */
    @SuppressWarnings("unchecked")
    public static String token(int port, String client) {
        Map<String, Object> answer = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri("/oauth2/token")
                .headers(h -> h.setBasicAuth(client, client))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) answer.get("access_token");
    }

    /** Sends {@code client}'s token in the GraphQL WebSocket's {@code connection_init}, as Strata requires. */
    public static WebSocketGraphQlClientInterceptor webSocket(int port, String client) {
        Map<String, Object> payload = Map.of("Authorization", "Bearer " + token(port, client));
        return new WebSocketGraphQlClientInterceptor() {
            @Override
            public Mono<Object> connectionInitPayload() {
                return Mono.just(payload);
            }
        };
    }

    /** A client of the server at {@code port} that sends {@code client}'s token with every request. */
    public static WebTestClient client(int port, String client) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .defaultHeaders(h -> h.setBearerAuth(token(port, client)))
                .build();
    }
}
