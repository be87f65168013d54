package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The whole path on the real local stack: a CSV is uploaded, stored in S3, ingested by Druid, tracked until the
 * broker answers queries over it, and a GraphQL KPI query returns the totals computed from the file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WalkingSkeletonIT {

    @LocalServerPort
    int port;

    WebTestClient http;
    HttpGraphQlTester graphQl;

    @BeforeEach
    void clients() {
        http = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        graphQl = HttpGraphQlTester.create(
                http.mutate().baseUrl("http://localhost:" + port + "/graphql").build());
    }

    @Test
    void uploadedCsvBecomesQueryableAndItsKpisEqualTheFilesTotals() {
        SalesFile file = SalesFile.generate(42, 2_000);

        Map<String, Object> accepted = upload("skeleton_sales", "sales.csv", file.csv());
        assertThat(accepted).containsKeys("uploadId", "taskId", "dataset", "schema", "report");
        assertThat(accepted.get("dataset")).isEqualTo("skeleton_sales");
        String taskId = (String) accepted.get("taskId");

        awaitStatus(taskId, "SUCCEEDED");

        List<Map<String, Object>> kpis = graphQl
                .document(
                        """
                        query {
                          kpis(dataset: "skeleton_sales",
                               measures: [{column: "quantity", aggregate: SUM}, {aggregate: COUNT},
                                          {column: "revenue", aggregate: SUM}]) { measure value }
                        }
                        """)
                .execute()
                .errors()
                .verify()
                .path("kpis")
                .entityList(Map.class)
                .get()
                .stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
        assertThat(kpis).extracting(m -> m.get("measure")).containsExactly("SUM(quantity)", "COUNT", "SUM(revenue)");
        assertThat(((Number) kpis.get(0).get("value")).longValue()).isEqualTo(file.quantity());
        assertThat(((Number) kpis.get(1).get("value")).longValue()).isEqualTo(file.rows());
        assertThat(((Number) kpis.get(2).get("value")).doubleValue()).isCloseTo(file.revenue(), within(0.005));
    }

    private Map<String, Object> upload(String dataset, String fileName, String content) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
                    @Override
                    public String getFilename() {
                        return fileName;
                    }
                })
                .contentType(MediaType.parseMediaType("text/csv"));
        return http.post()
                .uri("/api/v1/datasets/{dataset}/uploads", dataset)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.ACCEPTED)
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    private void awaitStatus(String taskId, String expected) {
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
