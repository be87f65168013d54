package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.strata.ingestion.druid.DruidSettings;
import io.strata.stack.SharedStack;
import io.strata.stack.StackProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Druid indexer is killed (SIGKILL, as the kernel's OOM killer or a crash would) while it runs an ingestion
 * task. The stack's supervisor starts it again; the restarted indexer does not restore the task; Strata notices the
 * lost task (Druid fails it as "disappeared", or its worker stops listing it) and resubmits it once from the stored
 * file. The task ends SUCCEEDED with the file's totals, each row stored once, within {@link #BOUND}: the kill is
 * noticed within about 15 s, and the second attempt takes what the first would have.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IndexerKilledIT {

    /** From the kill to SUCCEEDED, whatever else the machine runs: detection, restart, a whole second attempt. */
    static final Duration BOUND = Duration.ofMinutes(3);

    static final int ROWS = 300_000;

    @LocalServerPort
    int port;

    @Autowired
    DruidSettings druidSettings;

    @Autowired
    JsonMapper json;

    IngestionClient strata;
    Overlord overlord;

    @BeforeEach
    void clients() {
        strata = new IngestionClient(port);
        overlord = new Overlord(druidSettings.coordinatorUrl(), json);
    }

    @Test
    void aReplaceWhoseIndexerIsKilledIsResubmittedOnceAndSucceedsWithTheFilesTotals() throws Exception {
        SalesFile.Bulk file = SalesFile.bulk(71, ROWS);

        Map<String, Object> task = uploadAndKillTheIndexerMidTask("killed_replace", file, "fileName=sales.csv");

        assertResubmittedOnce(task);
        IngestionClient.Totals totals = strata.totals("killed_replace");
        assertThat(totals.count()).isEqualTo(ROWS);
        assertThat(totals.quantity()).isEqualTo(file.quantity());
        assertThat(totals.revenue()).isCloseTo(file.revenue(), within(0.01));
    }

    @Test
    void anAppendWhoseIndexerIsKilledStoresItsRowsOnceNextToTheDatasetsOwn() throws Exception {
        SalesFile first = SalesFile.generate(72, 1_000);
        strata.awaitStatus(
                (String) strata.accepted("killed_append", "first.csv", first.csv(), "")
                        .get("taskId"),
                "SUCCEEDED");
        // Same start time as the first file: the append's time range overlaps the dataset's segments.
        SalesFile.Bulk appended = SalesFile.bulk(73, ROWS);

        Map<String, Object> task =
                uploadAndKillTheIndexerMidTask("killed_append", appended, "fileName=more.csv&mode=append");

        assertResubmittedOnce(task);
        IngestionClient.Totals totals = strata.totals("killed_append");
        assertThat(totals.count())
                .as("rows: the first file's and the appended file's, once")
                .isEqualTo(1_000 + ROWS);
        assertThat(totals.quantity()).isEqualTo(first.quantity() + appended.quantity());
        assertThat(totals.revenue()).isCloseTo(first.revenue() + appended.revenue(), within(0.01));
    }

    private Map<String, Object> uploadAndKillTheIndexerMidTask(String dataset, SalesFile.Bulk file, String query)
            throws Exception {
        Map<String, Object> accepted = strata.uploadRaw(dataset, file.csv(), "text/csv", query)
                .expectStatus()
                .isAccepted()
                .expectBody(IngestionClient.JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        String taskId = (String) accepted.get("taskId");
        String druidTaskId = (String) accepted.get("druidTaskId");
        JsonNode running = overlord.awaitRunningOnAWorker(druidTaskId, IngestionClient.INGESTION_TIMEOUT);
        Awaitility.await("Strata to report task " + taskId + " RUNNING")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> strata.task(taskId).get("status"), "RUNNING"::equals);
        assertThat(overlord.status(druidTaskId).path("statusCode").asString())
                .as("Druid's status of %s when the indexer is killed (first seen running: %s)", druidTaskId, running)
                .isEqualTo("RUNNING");

        SharedStack.kill(StackProcess.DRUID_INDEXER);
        Instant killed = Instant.now();

        Map<String, Object> task = Awaitility.await("task " + taskId + " to end after the kill")
                .atMost(BOUND)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> details(taskId), t -> List.of("SUCCEEDED", "FAILED", "CANCELED")
                        .contains(t.get("status")));
        assertThat(task.get("status"))
                .as(
                        "task %s ended %s after the kill, error: %s",
                        taskId, Duration.between(killed, Instant.now()), task.get("error"))
                .isEqualTo("SUCCEEDED");
        assertThat(task.get("druidTaskId")).isEqualTo(druidTaskId + "_attempt2");
        JsonNode second = overlord.status(druidTaskId + "_attempt2");
        assertThat(second.path("statusCode").asString()).isEqualTo("SUCCESS");
        assertThat(overlord.status(druidTaskId).path("statusCode").asString())
                .as("the first attempt, in Druid")
                .isEqualTo("FAILED");
        return task;
    }

    @SuppressWarnings("unchecked")
    private static void assertResubmittedOnce(Map<String, Object> task) {
        assertThat(task.get("attempt")).isEqualTo(2);
        List<Map<String, Object>> history = (List<Map<String, Object>>) task.get("history");
        assertThat(history)
                .extracting(transition -> transition.get("to"))
                .containsExactly(
                        "RECEIVED",
                        "VALIDATING",
                        "STORED",
                        "SUBMITTED",
                        "RUNNING",
                        "SUBMITTED",
                        "RUNNING",
                        "SUCCEEDED");
        String resubmission = (String) history.get(5).get("reason");
        assertThat(resubmission)
                .startsWith("the Druid worker running the task was lost (")
                .endsWith("; resubmitted from the stored file as " + task.get("druidTaskId"));
    }

    private Map<String, Object> details(String taskId) {
        return strata.graphQl
                .document("query($id: ID!) { ingestionTask(id: $id) { status error attempt druidTaskId rowsProcessed "
                        + "history { from to reason } } }")
                .variable("id", taskId)
                .execute()
                .errors()
                .verify()
                .path("ingestionTask")
                .entity(IngestionClient.JSON_OBJECT)
                .get();
    }
}
