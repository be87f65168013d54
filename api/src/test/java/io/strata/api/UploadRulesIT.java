package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.strata.ingestion.IngestionSettings;
import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.TaskStatus;
import io.strata.ingestion.druid.TaskRunner;
import io.strata.ingestion.storage.ObjectStore;
import io.strata.ingestion.task.IngestionTasks;
import io.strata.ingestion.task.Upload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

/** What uploads do to datasets on the real stack: rejection, idempotency, append, replace, and other formats. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UploadRulesIT {

    static final Duration QUICK = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    ObjectStore store;

    @Autowired
    IngestionTasks tasks;

    @Autowired
    TaskRunner druid;

    @Autowired
    IngestionSettings settings;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;

    IngestionClient strata;

    @BeforeEach
    void client() {
        strata = new IngestionClient(port);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFileWithTooManyBadRowsIsRejectedWithItsReportAndLeavesNothingBehind() {
        // Larger than one multipart part, so parts were really stored before the verdict, and had to be aborted.
        String csv = withBadQuantities(SalesFile.generate(21, 300_000).csv(), 20);
        assertThat((long) csv.length()).isGreaterThan(settings.partSize().toBytes());

        Map<String, Object> rejection = strata.upload("bad_rows", "sales.csv", csv, "type=quantity:LONG")
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(IngestionClient.JSON_OBJECT)
                .returnResult()
                .getResponseBody();

        assertThat((String) rejection.get("error")).contains("sales.csv has too many bad rows");
        Map<String, Object> report =
                (Map<String, Object>) ((Map<String, Object>) rejection.get("details")).get("report");
        assertThat(report)
                .containsEntry("rows", 300_000)
                .containsEntry("badRows", 15_000)
                .containsEntry("withinBudget", false);
        assertThat((List<Map<String, Object>>) report.get("problems")).isNotEmpty();

        StoredObjects.assertNothingUnder(store, "uploads/bad_rows/");
        assertThat(tasks.dataset("bad_rows").blockOptional(QUICK))
                .as("dataset row")
                .isEmpty();
        assertThat(druid.isQueryable("bad_rows").block(QUICK))
                .as("a Druid datasource")
                .isFalse();
        List<IngestionTask> recorded =
                tasks.list("bad_rows", null, 10, null).collectList().block(QUICK);
        assertThat(recorded)
                .singleElement()
                .satisfies(task -> assertThat(task.status()).isEqualTo(TaskStatus.FAILED))
                .satisfies(task -> assertThat(task.error()).contains("too many bad rows"))
                .satisfies(
                        task -> assertThat(task.spec()).as("Druid task planned").isNull());
        IngestionTask failed = recorded.get(0);
        assertThat(strata.history(failed.id().toString()))
                .extracting(transition -> transition.substring(0, transition.indexOf('#')))
                .containsExactly("RECEIVED", "VALIDATING", "FAILED");
        Upload upload = tasks.upload(failed.uploadId()).block(QUICK);
        assertThat(upload.sha256()).as("content hash of a stored file").isNull();
        assertThat(upload.sizeBytes()).as("size of a stored file").isNull();
        assertThat(upload.normalizedKey()).as("normalized copy").isNull();
    }

    @Test
    void aRawBodyWhoseLastRowIsBadIsRejectedAndLeavesNothingBehind() {
        // A raw body announces its length, so it streams to S3 as one PUT: every byte but the last chunk is sent
        // before the verdict on the last row, and the object must still never appear.
        String csv = SalesFile.generate(30, 60_000).csv() + "2024-12-31T23:59:59Z,north,widget,lots,1.5\n";
        byte[] bytes = csv.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(bytes.length).as("several of the sink's 1 MiB chunks").isGreaterThan(2 << 20);

        strata.uploadRaw("raw_bad_tail", bytes, "text/csv", "fileName=sales.csv&type=quantity:LONG&maxBadRows=0")
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(IngestionClient.JSON_OBJECT)
                .value(rejection -> assertThat((String) rejection.get("error")).contains("too many bad rows"));

        StoredObjects.assertNothingUnder(store, "uploads/raw_bad_tail/");
        assertThat(tasks.dataset("raw_bad_tail").blockOptional(QUICK)).isEmpty();
        assertThat(tasks.list("raw_bad_tail", null, 10, null).collectList().block(QUICK))
                .singleElement()
                .satisfies(task -> assertThat(task.status()).isEqualTo(TaskStatus.FAILED));
    }

    @Test
    void aRawBodyBecomesQueryableWithTheFilesCountAndSums() {
        SalesFile file = SalesFile.generate(31, 40_000);
        Map<String, Object> accepted = strata.uploadRaw(
                        "raw_sales",
                        file.csv().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "text/csv",
                        "fileName=sales.csv")
                .expectStatus()
                .isAccepted()
                .expectBody(IngestionClient.JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        strata.awaitStatus((String) accepted.get("taskId"), "SUCCEEDED");
        assertTotals("raw_sales", file);
        assertThat(store.list("uploads/raw_sales/").collectList().block(QUICK))
                .containsExactly("uploads/raw_sales/" + accepted.get("uploadId") + "/sales.csv");
    }

    @Test
    void uploadingTheSameFileAgainAnswersTheSameUpload() {
        String csv = SalesFile.generate(22, 300).csv();
        Map<String, Object> first = strata.accepted("same_twice", "sales.csv", csv, "");
        Map<String, Object> second = strata.accepted("same_twice", "renamed.csv", csv, "mode=append");

        assertThat(first).containsEntry("duplicate", false);
        assertThat(second)
                .containsEntry("duplicate", true)
                .containsEntry("uploadId", first.get("uploadId"))
                .containsEntry("taskId", first.get("taskId"));
        strata.awaitStatus((String) first.get("taskId"), "SUCCEEDED");
        assertThat(strata.totals("same_twice").count()).isEqualTo(300);
        assertThat(tasks.list("same_twice", null, 10, null).collectList().block(QUICK))
                .hasSize(1);
        assertThat(store.list("uploads/same_twice/").collectList().block(QUICK))
                .allMatch(key -> key.startsWith("uploads/same_twice/" + first.get("uploadId") + "/"));
    }

    @Test
    void appendAddsRowsAndReplaceReplacesTheRowsOfItsTimeRange() {
        SalesFile a = SalesFile.generate(23, 1_000);
        SalesFile b = SalesFile.generate(24, 1_000);
        SalesFile c = SalesFile.generate(25, 1_000);

        strata.awaitStatus(
                (String) strata.accepted("append_replace", "a.csv", a.csv(), "").get("taskId"), "SUCCEEDED");
        assertTotals("append_replace", a);
        double hits = wholeAnswerHits();
        assertTotals("append_replace", a);
        assertThat(wholeAnswerHits())
                .as("the same question again is answered whole from memory")
                .isEqualTo(hits + 1);

        strata.awaitStatus(
                (String) strata.accepted("append_replace", "b.csv", b.csv(), "mode=append")
                        .get("taskId"),
                "SUCCEEDED");
        IngestionClient.Totals appended = strata.totals("append_replace");
        assertThat(appended.count()).isEqualTo(a.rows() + b.rows());
        assertThat(appended.quantity()).isEqualTo(a.quantity() + b.quantity());
        assertThat(appended.revenue()).isCloseTo(a.revenue() + b.revenue(), within(0.01));

        strata.awaitStatus(
                (String) strata.accepted("append_replace", "c.csv", c.csv(), "mode=replace")
                        .get("taskId"),
                "SUCCEEDED");
        assertTotals("append_replace", c);
        assertThat(tasks.dataset("append_replace").block(QUICK).dataVersion()).isEqualTo(3);
    }

    @Test
    void aTsvUploadBecomesQueryableWithTheFilesCountAndSums() {
        SalesFile file = SalesFile.generate(26, 1_500);
        strata.awaitStatus(
                (String) strata.accepted("tsv_sales", "sales.tsv", file.tsv(), "")
                        .get("taskId"),
                "SUCCEEDED");
        assertTotals("tsv_sales", file);
    }

    @Test
    void aJsonLinesUploadBecomesQueryableWithTheFilesCountAndSums() {
        SalesFile file = SalesFile.generate(27, 1_500);
        Map<String, Object> accepted = strata.accepted("jsonl_sales", "sales.jsonl", file.jsonLines(), "");
        assertThat(schemaFormat(accepted)).isEqualToIgnoringCase("jsonl");
        strata.awaitStatus((String) accepted.get("taskId"), "SUCCEEDED");
        assertTotals("jsonl_sales", file);
        assertThat(store.list("uploads/jsonl_sales/").collectList().block(QUICK))
                .as("Druid reads JSON Lines as they are: no normalized copy")
                .singleElement()
                .asString()
                .endsWith("/sales.jsonl");
    }

    @Test
    void anXlsxUploadBecomesQueryableWithTheFilesCountAndSums() {
        SalesFile file = SalesFile.generate(28, 1_200);
        Map<String, Object> accepted = strata.accepted("xlsx_sales", "sales.xlsx", file.xlsx(), "");
        assertThat(schemaFormat(accepted)).isEqualToIgnoringCase("xlsx");
        strata.awaitStatus((String) accepted.get("taskId"), "SUCCEEDED");
        assertTotals("xlsx_sales", file);
        String prefix = "uploads/xlsx_sales/" + accepted.get("uploadId") + "/";
        assertThat(store.list("uploads/xlsx_sales/").collectList().block(QUICK))
                .as("the workbook as received, and the JSON Lines copy Druid read")
                .containsExactlyInAnyOrder(prefix + "sales.xlsx", prefix + "normalized.jsonl");
    }

    @SuppressWarnings("unchecked")
    private static String schemaFormat(Map<String, Object> accepted) {
        return String.valueOf(((Map<String, Object>) accepted.get("schema")).get("format"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void ingestionTasksArePagedNewestFirstWithCursors() {
        // Rejected uploads are recorded too (FAILED), and cost Druid nothing.
        for (int i = 0; i < 3; i++) {
            strata.upload(
                            "paged",
                            "bad" + i + ".csv",
                            withBadQuantities(SalesFile.generate(30 + i, 40).csv(), 2),
                            "type=quantity:LONG")
                    .expectStatus()
                    .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        }
        List<String> recorded = tasks.list("paged", null, 10, null)
                .map(task -> task.id().toString())
                .collectList()
                .block(QUICK);
        assertThat(recorded).hasSize(3);
        String third = recorded.get(0);
        String second = recorded.get(1);
        String first = recorded.get(2);

        String query = "query($after: String) { ingestionTasks(dataset: \"paged\", first: 2, after: $after) { "
                + "edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }";
        Map<String, Object> page1 = strata.graphQl
                .document(query)
                .execute()
                .path("ingestionTasks")
                .entity(IngestionClient.JSON_OBJECT)
                .get();
        Map<String, Object> info1 = (Map<String, Object>) page1.get("pageInfo");
        Map<String, Object> page2 = strata.graphQl
                .document(query)
                .variable("after", info1.get("endCursor"))
                .execute()
                .path("ingestionTasks")
                .entity(IngestionClient.JSON_OBJECT)
                .get();

        assertThat(ids(page1)).containsExactly(third, second);
        assertThat(info1).containsEntry("hasNextPage", true);
        assertThat(ids(page2)).containsExactly(first);
        assertThat((Map<String, Object>) page2.get("pageInfo")).containsEntry("hasNextPage", false);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("edges"))
                .stream()
                        .map(edge -> ((Map<String, Object>) edge.get("node")).get("id"))
                        .toList();
    }

    private double wholeAnswerHits() {
        return registry.get("strata.analytics.responses")
                .tag("result", "hit")
                .counter()
                .count();
    }

    private void assertTotals(String dataset, SalesFile file) {
        IngestionClient.Totals totals = strata.totals(dataset);
        assertThat(totals.count()).as("COUNT of %s", dataset).isEqualTo(file.rows());
        assertThat(totals.quantity()).as("SUM(quantity) of %s", dataset).isEqualTo(file.quantity());
        assertThat(totals.revenue()).as("SUM(revenue) of %s", dataset).isCloseTo(file.revenue(), within(0.01));
    }

    /** Every {@code every}-th row's quantity becomes a word: 5% of the rows are bad when quantity must be a LONG. */
    private static String withBadQuantities(String csv, int every) {
        String[] lines = csv.split("\n");
        StringBuilder out = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (i % every == 0) {
                String[] v = line.split(",");
                v[3] = "lots";
                line = String.join(",", v);
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
