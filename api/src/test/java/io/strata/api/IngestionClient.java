package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/** A test's view of a running Strata: uploads over REST, tasks and KPIs over GraphQL, subscriptions over WS/SSE. */
final class IngestionClient {

    static final Duration INGESTION_TIMEOUT = Duration.ofMinutes(3);
    static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {};

    static final String TASK_FIELDS = "id dataset status sequence error rowsProcessed rowsUnparseable";

    final int port;
    final WebTestClient http;
    final HttpGraphQlTester graphQl;

    IngestionClient(int port) {
        this.port = port;
        this.http = TestTokens.client(port, "strata-analyst");
        this.graphQl = HttpGraphQlTester.create(
                http.mutate().baseUrl("http://localhost:" + port + "/graphql").build());
    }

    /** A multipart upload; {@code query} is appended to the URL as is (e.g. {@code "mode=append"}). */
    WebTestClient.ResponseSpec upload(String dataset, String fileName, String content, String query) {
        return upload(dataset, fileName, content.getBytes(StandardCharsets.UTF_8), query);
    }

    /** A multipart upload of a binary file (XLSX, Parquet …). */
    WebTestClient.ResponseSpec upload(String dataset, String fileName, byte[] content, String query) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        return http.post()
                .uri("/api/v1/datasets/" + dataset + "/uploads" + (query.isEmpty() ? "" : "?" + query))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange();
    }

    /**
     * The file as the request's raw body, with its content type and length ({@code Content-Length}); the file's name
     * and the options go in the query ({@code fileName=...&...}).
     */
    WebTestClient.ResponseSpec uploadRaw(String dataset, byte[] content, String contentType, String query) {
        return http.post()
                .uri("/api/v1/datasets/" + dataset + "/uploads?" + query)
                .contentType(MediaType.parseMediaType(contentType))
                .bodyValue(content)
                .exchange();
    }

    /** An upload that must be accepted; answers the response body. */
    Map<String, Object> accepted(String dataset, String fileName, String content, String query) {
        return accepted(dataset, fileName, content.getBytes(StandardCharsets.UTF_8), query);
    }

    /** A binary upload that must be accepted; answers the response body. */
    Map<String, Object> accepted(String dataset, String fileName, byte[] content, String query) {
        return upload(dataset, fileName, content, query)
                .expectStatus()
                .isAccepted()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    Map<String, Object> task(String id) {
        return graphQl.document("query($id: ID!) { ingestionTask(id: $id) { " + TASK_FIELDS
                        + " history { from to reason sequence } } }")
                .variable("id", id)
                .execute()
                .errors()
                .verify()
                .path("ingestionTask")
                .entity(JSON_OBJECT)
                .get();
    }

    /** The task's transitions, oldest first, as {@code STATUS#sequence}. */
    @SuppressWarnings("unchecked")
    List<String> history(String id) {
        return ((List<Map<String, Object>>) task(id).get("history"))
                .stream().map(t -> t.get("to") + "#" + t.get("sequence")).toList();
    }

    /** Waits for a final status and answers the task; fails when it is not {@code expected}. */
    Map<String, Object> awaitStatus(String taskId, String expected) {
        Map<String, Object> task = Awaitility.await("task " + taskId + " to reach " + expected)
                .atMost(INGESTION_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> task(taskId), t -> List.of(expected, "SUCCEEDED", "FAILED", "CANCELED")
                        .contains(t.get("status")));
        assertThat(task.get("status"))
                .as("task %s, error: %s", taskId, task.get("error"))
                .isEqualTo(expected);
        return task;
    }

    /** COUNT, SUM(quantity) and SUM(revenue) of a dataset, through the GraphQL kpis query. */
    Totals totals(String dataset) {
        List<Map<String, Object>> kpis = graphQl.document(
                        """
                        query($dataset: ID!) {
                          kpis(dataset: $dataset, measures: [{aggregate: COUNT}, {column: "quantity", aggregate: SUM},
                                                             {column: "revenue", aggregate: SUM}]) { measure value }
                        }
                        """)
                .variable("dataset", dataset)
                .execute()
                .errors()
                .verify()
                .path("kpis")
                .entityList(JSON_OBJECT)
                .get();
        return new Totals(
                ((Number) kpis.get(0).get("value")).longValue(),
                ((Number) kpis.get(1).get("value")).longValue(),
                ((Number) kpis.get(2).get("value")).doubleValue());
    }

    record Totals(long count, long quantity, double revenue) {}

    WebSocketGraphQlClient webSocket() {
        return WebSocketGraphQlClient.builder("ws://localhost:" + port + "/graphql", new ReactorNettyWebSocketClient())
                .interceptor(TestTokens.webSocket(port, "strata-viewer"))
                .build();
    }

    HttpGraphQlClient serverSentEvents() {
        return HttpGraphQlClient.builder(WebClient.create("http://localhost:" + port + "/graphql"))
                .headers(h -> h.setBearerAuth(TestTokens.token(port, "strata-viewer")))
                .build();
    }
}
