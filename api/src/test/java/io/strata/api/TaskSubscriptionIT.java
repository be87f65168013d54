package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Task subscriptions on the real stack: every transition a task goes through reaches a subscriber in order, once,
 * through the outbox, Kafka and this node's event stream, over graphql-ws and over Server-Sent Events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TaskSubscriptionIT {

    static final Duration TIMEOUT = Duration.ofMinutes(3);
    static final String FINAL = "SUCCEEDED FAILED CANCELED";

    @LocalServerPort
    int port;

    IngestionClient strata;

    @BeforeEach
    void client() {
        strata = new IngestionClient(port);
    }

    @Test
    void aDatasetSubscriberOverWebSocketSeesEveryTransitionInOrderUntilSucceeded() {
        WebSocketGraphQlClient ws = strata.webSocket();
        ws.start().block(Duration.ofSeconds(10));
        try {
            Flux<Map<String, Object>> changes = datasetChanges(ws, "sub_ws");
            List<String> seen = new ArrayList<>();
            String[] taskId = new String[1];

            StepVerifier.create(changes)
                    .then(() -> {
                        // graphql-ws messages of one connection are handled in order: once this answers, the
                        // subscription above is being served, and the upload's first transition cannot precede it.
                        ws.document("{ __typename }").execute().block(Duration.ofSeconds(10));
                        taskId[0] = (String) strata.accepted(
                                        "sub_ws",
                                        "sales.csv",
                                        SalesFile.generate(7, 500).csv(),
                                        "")
                                .get("taskId");
                    })
                    .thenConsumeWhile(
                            change -> true, change -> seen.add(change.get("status") + "#" + change.get("sequence")))
                    .expectComplete()
                    .verify(TIMEOUT);

            List<String> history = strata.history(taskId[0]);
            assertThat(seen).as("received over graphql-ws").isEqualTo(history);
            assertThat(seen.get(0)).startsWith("RECEIVED#");
            assertThat(seen.get(seen.size() - 1)).startsWith("SUCCEEDED#");
        } finally {
            ws.stop().block(Duration.ofSeconds(10));
        }
    }

    @Test
    void aTaskSubscriberOverServerSentEventsGetsTheCurrentStateThenEachChangeAndCompletes() {
        String taskId = (String) strata.accepted(
                        "sub_sse", "sales.csv", SalesFile.generate(8, 500).csv(), "")
                .get("taskId");

        List<String> seen = strata.serverSentEvents()
                .document("subscription($id: ID!) { ingestionTask(id: $id) { " + IngestionClient.TASK_FIELDS + " } }")
                .variable("id", taskId)
                .retrieveSubscription("ingestionTask")
                .toEntity(IngestionClient.JSON_OBJECT)
                .map(task -> task.get("status") + "#" + task.get("sequence"))
                .collectList()
                .block(TIMEOUT);

        List<String> history = strata.history(taskId);
        assertThat(seen).isNotEmpty();
        assertThat(history).contains(seen.get(0));
        assertThat(seen)
                .as("the current state, then every later transition")
                .isEqualTo(history.subList(history.indexOf(seen.get(0)), history.size()));
        assertThat(seen.get(seen.size() - 1)).startsWith("SUCCEEDED#");
    }

    @Test
    void subscribingToAFinishedTaskAnswersItsFinalStateAndCompletes() {
        String taskId = (String) strata.accepted(
                        "sub_done", "sales.csv", SalesFile.generate(9, 100).csv(), "")
                .get("taskId");
        strata.awaitStatus(taskId, "SUCCEEDED");

        WebSocketGraphQlClient ws = strata.webSocket();
        try {
            StepVerifier.create(ws.document("subscription($id: ID!) { ingestionTask(id: $id) { status } }")
                            .variable("id", taskId)
                            .retrieveSubscription("ingestionTask")
                            .toEntity(IngestionClient.JSON_OBJECT))
                    .expectNext(Map.of("status", "SUCCEEDED"))
                    .expectComplete()
                    .verify(Duration.ofSeconds(30));
        } finally {
            ws.stop().block(Duration.ofSeconds(10));
        }
    }

    @Test
    void subscribingToAnUnknownTaskFailsWithNotFound() {
        WebSocketGraphQlClient ws = strata.webSocket();
        try {
            StepVerifier.create(
                            ws.document("subscription { ingestionTask(id: \"6d1f0c1e-0000-4000-8000-000000000000\") "
                                            + "{ status } }")
                                    .retrieveSubscription("ingestionTask")
                                    .toEntity(IngestionClient.JSON_OBJECT))
                    .expectErrorSatisfies(e -> assertThat(e)
                            .isInstanceOf(SubscriptionErrorException.class)
                            .satisfies(error -> assertThat(((SubscriptionErrorException) error).getErrors())
                                    .singleElement()
                                    .satisfies(graphQlError -> {
                                        assertThat(graphQlError.getMessage()).contains("no ingestion task");
                                        assertThat(graphQlError.getExtensions()).containsEntry("code", "NOT_FOUND");
                                    })))
                    .verify(Duration.ofSeconds(30));
        } finally {
            ws.stop().block(Duration.ofSeconds(10));
        }
    }

    /** Changes of the dataset's tasks, until one ends (each test uploads one file into its own dataset). */
    static Flux<Map<String, Object>> datasetChanges(WebSocketGraphQlClient ws, String dataset) {
        return ws.document("subscription($dataset: ID) { ingestionTasks(dataset: $dataset) { "
                        + IngestionClient.TASK_FIELDS + " } }")
                .variable("dataset", dataset)
                .retrieveSubscription("ingestionTasks")
                .toEntity(IngestionClient.JSON_OBJECT)
                .takeUntil(task -> FINAL.contains((String) task.get("status")));
    }
}
