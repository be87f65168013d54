package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.strata.ingestion.druid.DruidSettings;
import io.strata.stack.SharedStack;
import io.strata.stack.StackProcess;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    Overlord overlord;

    @BeforeEach
    void client() {
        strata = new IngestionClient(port);
        overlord = new Overlord(druidSettings.coordinatorUrl(), json);
    }

    @Test
    void aTaskRunningWhenTheOverlordRestartsEndsSucceededWithTheFilesTotals() throws Exception {
        SalesFile file = SalesFile.generate(61, 100_000);
        Map<String, Object> accepted = strata.accepted("overlord_restart", "sales.csv", file.csv(), "");
        String taskId = (String) accepted.get("taskId");
        String druidTaskId = (String) accepted.get("druidTaskId");

        // Mid-task: the indexer runs it (not merely queued), and it has not finished.
        JsonNode running = overlord.awaitRunningOnAWorker(druidTaskId, IngestionClient.INGESTION_TIMEOUT);
        assertThat(running.path("statusCode").asString())
                .as("Druid's status of %s when the overlord is stopped", druidTaskId)
                .isEqualTo("RUNNING");

        Instant stopped = Instant.now();
        SharedStack.stop(StackProcess.DRUID_COORDINATOR);
        try {
            assertThat(overlord.answers())
                    .as("the overlord answers while stopped")
                    .isFalse();
        } finally {
            SharedStack.start(StackProcess.DRUID_COORDINATOR);
        }

        Map<String, Object> task = strata.awaitStatus(taskId, "SUCCEEDED");
        JsonNode finished = overlord.status(druidTaskId);
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
}
