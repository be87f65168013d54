package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.strata.ingestion.druid.DruidSettings;
import io.strata.stack.SharedStack;
import io.strata.stack.StackProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import tools.jackson.databind.node.MissingNode;

/**
 * Druid's overlord (inside the coordinator process) is restarted while it runs an ingestion task: the task goes on
 * in the indexer, the new overlord takes it over, and Strata, which waited for Druid meanwhile, reports it
 * SUCCEEDED with the file's totals, without a failure or a resubmission on the way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DruidOverlordRestartIT {

    @LocalServerPort
    int port;

    @Autowired
    DruidSettings druidSettings;

    @Autowired
    JsonMapper json;

    IngestionClient strata;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void client() {
        strata = new IngestionClient(port);
    }

    @Test
    void aTaskRunningWhenTheOverlordRestartsEndsSucceededWithTheFilesTotals() throws Exception {
        SalesFile file = SalesFile.generate(61, 100_000);
        Map<String, Object> accepted = strata.accepted("overlord_restart", "sales.csv", file.csv(), "");
        String taskId = (String) accepted.get("taskId");
        String druidTaskId = (String) accepted.get("druidTaskId");

        // Mid-task: the indexer runs it (not merely queued), and it has not finished.
        JsonNode running = Awaitility.await("Druid to run task " + druidTaskId)
                .atMost(IngestionClient.INGESTION_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> druidStatus(druidTaskId),
                        status ->
                                "RUNNING".equals(status.path("runnerStatusCode").asString("")) || isComplete(status));
        assertThat(running.path("statusCode").asString())
                .as("Druid's status of %s when the overlord is stopped", druidTaskId)
                .isEqualTo("RUNNING");

        Instant stopped = Instant.now();
        SharedStack.stop(StackProcess.DRUID_COORDINATOR);
        try {
            assertThat(overlordAnswers())
                    .as("the overlord answers while stopped")
                    .isFalse();
        } finally {
            SharedStack.start(StackProcess.DRUID_COORDINATOR);
        }

        Map<String, Object> task = strata.awaitStatus(taskId, "SUCCEEDED");
        JsonNode finished = druidStatus(druidTaskId);
        assertThat(finished.path("statusCode").asString()).isEqualTo("SUCCESS");
        Instant ended = Instant.parse(finished.path("createdTime").asString())
                .plusMillis(finished.path("duration").asLong());
        assertThat(ended)
                .as(
                        "when Druid's task ended (created %s, ran %d ms)",
                        finished.path("createdTime"), finished.path("duration").asLong())
                .isAfter(stopped);

        assertThat(strata.history(taskId))
                .as("one submission, no failure on the way")
                .extracting(transition -> transition.substring(0, transition.indexOf('#')))
                .containsExactly("RECEIVED", "VALIDATING", "STORED", "SUBMITTED", "RUNNING", "SUCCEEDED");
        assertThat(((Number) task.get("rowsProcessed")).longValue())
                .as("rows Druid reports processed")
                .isEqualTo(file.rows());
        IngestionClient.Totals totals = strata.totals("overlord_restart");
        assertThat(totals.count()).isEqualTo(file.rows());
        assertThat(totals.quantity()).isEqualTo(file.quantity());
        assertThat(totals.revenue()).isCloseTo(file.revenue(), within(0.01));
    }

    private static boolean isComplete(JsonNode status) {
        return List.of("SUCCESS", "FAILED").contains(status.path("statusCode").asString(""));
    }

    /**
     * The {@code status} object of the overlord's task status answer; a missing node while the overlord does not
     * know the task yet (Strata's driver submits it within a poll interval of the upload's answer).
     */
    private JsonNode druidStatus(String druidTaskId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(overlord("/druid/indexer/v1/task/" + druidTaskId + "/status"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return MissingNode.getInstance();
        }
        assertThat(response.statusCode())
                .as("overlord status of %s: %s", druidTaskId, response.body())
                .isEqualTo(200);
        return json.readTree(response.body()).path("status");
    }

    private boolean overlordAnswers() {
        try {
            http.send(
                    HttpRequest.newBuilder(overlord("/druid/indexer/v1/isLeader"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI overlord(String path) {
        return URI.create(druidSettings.coordinatorUrl().toString().replaceAll("/$", "") + path);
    }
}
