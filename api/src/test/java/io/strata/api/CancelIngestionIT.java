package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingestion.druid.DruidTaskState;
import io.strata.ingestion.druid.TaskRunner;
import io.strata.ingestion.task.IngestionTasks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import reactor.test.StepVerifier;

/** {@code cancelIngestion} on the real stack: the task ends CANCELED, and Druid does not go on ingesting it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CancelIngestionIT {

    static final String CANCEL = "mutation($id: ID!, $reason: String) { cancelIngestion(id: $id, reason: $reason) { "
            + "id status error sequence } }";

    @LocalServerPort
    int port;

    @Autowired
    TaskRunner druid;

    @Autowired
    IngestionTasks tasks;

    IngestionClient strata;

    @BeforeEach
    void client() {
        strata = new IngestionClient(port);
    }

    @Test
    void cancelingAnUnfinishedIngestionEndsItCanceledWithTheReasonAndStopsDruid() {
        Map<String, Object> accepted = strata.accepted(
                "cancel_me", "sales.csv", SalesFile.generate(11, 20_000).csv(), "");
        String taskId = (String) accepted.get("taskId");
        String druidTaskId = (String) accepted.get("druidTaskId");

        Map<String, Object> canceled = cancel(taskId, "wrong file").get();

        assertThat(canceled).containsEntry("status", "CANCELED");
        assertThat((String) canceled.get("error")).isEqualTo("canceled on request: wrong file");
        List<String> history = strata.history(taskId);
        assertThat(history.get(history.size() - 1)).isEqualTo("CANCELED#" + canceled.get("sequence"));
        assertThat(cancel(taskId, "again").get())
                .as("canceling again answers the canceled task unchanged")
                .isEqualTo(canceled);

        Awaitility.await("Druid task " + druidTaskId + " to stop")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> druid.state(druidTaskId)
                                .block(Duration.ofSeconds(30))
                                .phase(),
                        phase -> phase != DruidTaskState.Phase.RUNNING && phase != DruidTaskState.Phase.WAITING);
        assertThat(druid.state(druidTaskId).block(Duration.ofSeconds(30)).phase())
                .isNotEqualTo(DruidTaskState.Phase.SUCCESS);
        assertThat(tasks.dataset("cancel_me").blockOptional(Duration.ofSeconds(10)))
                .as("a canceled first ingestion creates no dataset")
                .isEmpty();
        assertThat(strata.task(taskId)).containsEntry("status", "CANCELED");

        StepVerifier.create(strata.serverSentEvents()
                        .document("subscription($id: ID!) { ingestionTask(id: $id) { status } }")
                        .variable("id", taskId)
                        .retrieveSubscription("ingestionTask")
                        .toEntity(IngestionClient.JSON_OBJECT))
                .expectNext(Map.of("status", "CANCELED"))
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void aSucceededIngestionCannotBeCanceled() {
        String taskId = (String) strata.accepted(
                        "cancel_late", "sales.csv", SalesFile.generate(12, 50).csv(), "")
                .get("taskId");
        strata.awaitStatus(taskId, "SUCCEEDED");

        strata.graphQl
                .document(CANCEL)
                .variable("id", taskId)
                .execute()
                .errors()
                .expect(error -> error.getMessage().contains("already ended SUCCEEDED")
                        && "BAD_REQUEST".equals(error.getExtensions().get("code")))
                .verify();
        assertThat(strata.task(taskId)).containsEntry("status", "SUCCEEDED");
    }

    @Test
    void cancelingAnUnknownTaskIsNotFound() {
        strata.graphQl
                .document(CANCEL)
                .variable("id", "6d1f0c1e-0000-4000-8000-000000000001")
                .execute()
                .errors()
                .expect(error -> "NOT_FOUND".equals(error.getExtensions().get("code")))
                .verify();
    }

    private GraphQlTester.Entity<Map<String, Object>, ?> cancel(String taskId, String reason) {
        return strata.graphQl
                .document(CANCEL)
                .variable("id", taskId)
                .variable("reason", reason)
                .execute()
                .path("cancelIngestion")
                .entity(IngestionClient.JSON_OBJECT);
    }
}
