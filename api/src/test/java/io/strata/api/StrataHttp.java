package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** A running Strata seen from outside: REST uploads and GraphQL, as the integration tests drive it. */
public final class StrataHttp {

    final WebTestClient http;
    final HttpGraphQlTester graphQl;

    public StrataHttp(int port) {
        this(port, "strata-analyst");
    }

    /** As dev client {@code client}. */
    public StrataHttp(int port, String client) {
        http = TestTokens.client(port, client);
        graphQl = HttpGraphQlTester.create(
                http.mutate().baseUrl("http://localhost:" + port + "/graphql").build());
    }

    /** Uploads a file into a dataset and returns the 202 answer. */
    public Map<String, Object> upload(String dataset, String fileName, String content) {
        return upload(dataset, fileName, content, "create");
    }

    /** Uploads a file into a dataset with a mode (create, append, replace) and returns the 202 answer. */
    public Map<String, Object> upload(String dataset, String fileName, String content, String mode) {
        return send(dataset, fileName, content, mode)
                .expectStatus()
                .isEqualTo(HttpStatus.ACCEPTED)
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    /** Uploads a file that must be answered {@code status}; answers the body to check. */
    WebTestClient.BodyContentSpec uploadExpecting(
            String dataset, String fileName, String content, String mode, int status) {
        return send(dataset, fileName, content, mode)
                .expectStatus()
                .isEqualTo(status)
                .expectBody();
    }

    private WebTestClient.ResponseSpec send(String dataset, String fileName, String content, String mode) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
                    @Override
                    public String getFilename() {
                        return fileName;
                    }
                })
                .contentType(MediaType.parseMediaType("text/csv"));
        return http.post()
                .uri("/api/v1/datasets/{dataset}/uploads?mode={mode}", dataset, mode)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange();
    }

    /** Uploads a file and waits until its task SUCCEEDED (Druid's broker answers over the new data). */
    public void ingest(String dataset, String fileName, String content) {
        awaitStatus((String) upload(dataset, fileName, content).get("taskId"), "SUCCEEDED");
    }

    public void awaitStatus(String taskId, String expected) {
        Map<String, Object> task = Awaitility.await("task " + taskId + " to reach " + expected)
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> graphQl.document("query($id: ID!) { ingestionTask(id: $id) { status error } }")
                                .variable("id", taskId)
                                .execute()
                                .path("ingestionTask")
                                .entity(Map.class)
                                .get(),
                        current -> List.of(expected, "FAILED", "CANCELED").contains(current.get("status")));
        assertThat(task.get("status"))
                .as("task %s, error: %s", taskId, task.get("error"))
                .isEqualTo(expected);
    }
}
