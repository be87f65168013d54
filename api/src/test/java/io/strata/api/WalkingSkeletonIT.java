package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The whole path on the real local stack: a CSV is uploaded, stored in S3, ingested by Druid, tracked until the
 * broker answers queries over it, and a GraphQL KPI query returns the totals computed from the file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WalkingSkeletonIT {

    @LocalServerPort
    int port;

    StrataHttp strata;
    HttpGraphQlTester graphQl;

    @BeforeEach
    void clients() {
        strata = new StrataHttp(port);
        graphQl = strata.graphQl;
    }

    @Test
    void uploadedCsvBecomesQueryableAndItsKpisEqualTheFilesTotals() {
        SalesFile file = SalesFile.generate(42, 2_000);

        Map<String, Object> accepted = strata.upload("skeleton_sales", "sales.csv", file.csv());
        assertThat(accepted).containsKeys("uploadId", "taskId", "dataset", "schema", "report");
        assertThat(accepted.get("dataset")).isEqualTo("skeleton_sales");
        String taskId = (String) accepted.get("taskId");

        strata.awaitStatus(taskId, "SUCCEEDED");

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
}
