package io.strata.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * GraphQL over HTTP as a dev client of the running server sends it, answering the raw response ({@code data} and
 * {@code errors}), so tests can look at both.
 */
public final class GraphQl {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final WebTestClient http;

    private GraphQl(WebTestClient http) {
        this.http = http;
    }

    /** As dev client {@code client} (its id is its secret) of the server at {@code port}. */
    public static GraphQl as(int port, String client) {
        return new GraphQl(TestTokens.client(port, client));
    }

    public WebTestClient http() {
        return http;
    }

    public Response post(String document, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        Map<String, Object> answer = http.post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        return new Response(answer);
    }

    public Response post(String document) {
        return post(document, Map.of());
    }

    /** A GraphQL answer. */
    public record Response(Map<String, Object> body) {

        @SuppressWarnings("unchecked")
        public <T> T data(String field) {
            Map<String, Object> data = (Map<String, Object>) body.get("data");
            return data == null ? null : (T) data.get(field);
        }

        /** The data of {@code field}, failing with the errors when there are any. */
        public <T> T ok(String field) {
            if (!errors().isEmpty()) {
                throw new AssertionError("GraphQL errors: " + errors());
            }
            return data(field);
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> errors() {
            Object errors = body.get("errors");
            return errors == null ? List.of() : (List<Map<String, Object>>) errors;
        }

        /** The {@code extensions.code} of each error. */
        @SuppressWarnings("unchecked")
        public List<String> codes() {
            return errors().stream()
                    .map(e -> (String) ((Map<String, Object>) e.getOrDefault("extensions", Map.of())).get("code"))
                    .toList();
        }
    }
}
