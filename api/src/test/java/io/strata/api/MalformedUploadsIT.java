package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingestion.druid.TaskRunner;
import io.strata.ingestion.storage.ObjectStore;
import io.strata.ingestion.task.IngestionTasks;
import io.strata.schema.fixtures.MalformedFiles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

/**
 * The generated corpus of real-world and malformed files ({@link MalformedFiles}, issue 21) uploaded to the real
 * stack: each ends in the answer stated for it — queryable with the file's own totals, or refused with a 4xx that
 * says why and leaves nothing behind (no object in S3, no dataset, no Druid datasource).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MalformedUploadsIT {
    static final Duration QUICK = Duration.ofSeconds(30);
    /** A Java name: a qualified class ({@code a.b.C}), an inner class ({@code $2}) or an identity hash. */
    static final String JAVA_NAME = "[a-z]+\\.[a-z]+\\.[A-Z]|\\$[0-9]|@[0-9a-f]{6}|Exception";

    @LocalServerPort
    int port;

    @Autowired
    ObjectStore store;

    @Autowired
    IngestionTasks tasks;

    @Autowired
    TaskRunner druid;

    IngestionClient strata;

    @BeforeEach
    void client() {
        strata = new IngestionClient(port);
    }

    @Test
    void anArrowFileBecomesQueryableWithItsTotals() {
        Map<String, Object> accepted =
                strata.accepted("flights_arrow", "flights.arrow", MalformedFiles.flightsArrow(500), "");
        strata.awaitStatus((String) accepted.get("taskId"), "SUCCEEDED");

        assertThat(sums("flights_arrow", "delay")).containsExactly(500.0, 500.0 * 499 / 2);
    }

    @Test
    void aCsvWiderThanTheColumnLimitIsRefusedWith422NamingTheLimitAndLeavesNothing() {
        Map<String, Object> refusal = strata.upload("wide_csv", "wide.csv", MalformedFiles.wideCsv(20_000, 3), "")
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(IngestionClient.JSON_OBJECT)
                .returnResult()
                .getResponseBody();

        assertThat((String) refusal.get("error"))
                .contains("wide.csv")
                .contains("20000 columns")
                .contains("5000")
                .contains("strata.ingestion.max-columns");
        assertNothingLeft("wide_csv");
    }

    @Test
    void aCsvWithLoneCarriageReturnsAmongLfAndCrlfIsIngestedWholeThroughItsNormalizedCopy() {
        int rows = 3_000;
        Map<String, Object> accepted =
                strata.accepted("mixed_line_endings", "mac.csv", MalformedFiles.mixedLineEndingsCsv(rows, 0), "");
        assertThat(report(accepted).get("verdict").toString()).contains("lone carriage return");
        strata.awaitStatus((String) accepted.get("taskId"), "SUCCEEDED");

        assertThat(sums("mixed_line_endings", "units"))
                .containsExactly((double) rows, (double) MalformedFiles.unitsSum(rows));
    }

    @Test
    void aLoneCarriageReturnPastTheInferenceRowsIsRefusedAtUploadAndLeavesNothing() {
        Map<String, Object> refusal = strata.upload(
                        "late_lone_cr", "late.csv", MalformedFiles.mixedLineEndingsCsv(30_000, 20_000), "")
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(IngestionClient.JSON_OBJECT)
                .returnResult()
                .getResponseBody();

        assertThat((String) refusal.get("error"))
                .contains("lone carriage return")
                .contains("LF or CRLF");
        assertNothingLeft("late_lone_cr");
    }

    @Test
    @SuppressWarnings("unchecked")
    void invalidUtf8IsReportedByRowAndColumnAndIngestedAsReplacementCharacters() {
        Map<String, Object> accepted =
                strata.accepted("bad_utf8", "cities.csv", MalformedFiles.invalidUtf8Csv(300), "");
        List<Map<String, Object>> problems =
                (List<Map<String, Object>>) report(accepted).get("problems");
        assertThat(problems)
                .extracting(p -> ((Number) p.get("row")).longValue())
                .containsExactly(3L, 7L);
        assertThat(problems.get(1).get("reason").toString())
                .contains("[city] (field 2), [note] (field 3)")
                .contains("U+FFFD");
        strata.awaitStatus((String) accepted.get("taskId"), "SUCCEEDED");

        assertThat(sums("bad_utf8", "units")).containsExactly(300.0, 300.0 * 301 / 2);
    }

    @Test
    void aTextFileNamedParquetIsRefusedWithoutJavaNames() {
        for (byte[] file : List.of(MalformedFiles.textNamedParquet(), MalformedFiles.truncatedParquet())) {
            Map<String, Object> refusal = strata.upload("not_parquet", "data.parquet", file, "")
                    .expectStatus()
                    .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                    .expectBody(IngestionClient.JSON_OBJECT)
                    .returnResult()
                    .getResponseBody();

            assertThat((String) refusal.get("error")).contains("data.parquet").doesNotContainPattern(JAVA_NAME);
        }
        assertNothingLeft("not_parquet");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> report(Map<String, Object> accepted) {
        return (Map<String, Object>) accepted.get("report");
    }

    private void assertNothingLeft(String dataset) {
        StoredObjects.assertNothingUnder(store, "uploads/" + dataset + "/");
        assertThat(tasks.dataset(dataset).blockOptional(QUICK))
                .as("dataset row")
                .isEmpty();
        assertThat(druid.isQueryable(dataset).block(QUICK))
                .as("a Druid datasource")
                .isFalse();
    }

    /** COUNT and SUM(column) through GraphQL's kpis. */
    private List<Double> sums(String dataset, String column) {
        return strata.graphQl
                .document(
                        """
                        query($dataset: ID!, $column: String!) {
                          kpis(dataset: $dataset, measures: [{aggregate: COUNT}, {column: $column, aggregate: SUM}]) { value }
                        }
                        """)
                .variable("dataset", dataset)
                .variable("column", column)
                .execute()
                .errors()
                .verify()
                .path("kpis[*].value")
                .entityList(Double.class)
                .get();
    }
}
