package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingestion.events.OutboxRelay;
import io.strata.stack.Component;
import io.strata.stack.SharedStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import reactor.test.StepVerifier;

/**
 * Kafka goes away during an ingestion: the ingestion goes on, its events wait in the outbox, and once Kafka is back
 * a subscriber receives every transition, in order, exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KafkaOutageIT {

    @LocalServerPort
    int port;

    @Autowired
    OutboxRelay relay;

    IngestionClient strata;

    @BeforeEach
    void client() {
        strata = new IngestionClient(port);
    }

    @Test
    void eventsOfAnIngestionDuringAKafkaOutageArriveAfterItReturnsNoneLostNoneDuplicated() {
        WebSocketGraphQlClient ws = strata.webSocket();
        ws.start().block(Duration.ofSeconds(10));
        List<String> seen = new ArrayList<>();
        String[] taskId = new String[1];
        try {
            StepVerifier.create(TaskSubscriptionIT.datasetChanges(ws, "kafka_outage"))
                    .then(() -> {
                        ws.document("{ __typename }").execute().block(Duration.ofSeconds(10));
                        SharedStack.stop(Component.KAFKA);
                        try {
                            taskId[0] = (String) strata.accepted(
                                            "kafka_outage",
                                            "sales.csv",
                                            SalesFile.generate(13, 1_000).csv(),
                                            "")
                                    .get("taskId");
                            strata.awaitStatus(taskId[0], "SUCCEEDED");
                            assertThat(relay.backlog().block(Duration.ofSeconds(10)))
                                    .as("unpublished outbox rows while Kafka is down")
                                    .isGreaterThanOrEqualTo(
                                            strata.history(taskId[0]).size());
                        } finally {
                            SharedStack.start(Component.KAFKA);
                        }
                    })
                    .thenConsumeWhile(
                            change -> true, change -> seen.add(change.get("status") + "#" + change.get("sequence")))
                    .expectComplete()
                    .verify(Duration.ofMinutes(5));
        } finally {
            ws.stop().block(Duration.ofSeconds(10));
        }

        List<String> history = strata.history(taskId[0]);
        assertThat(seen).as("every transition, in order, once").isEqualTo(history);
        assertThat(seen.get(0)).startsWith("RECEIVED#");
        assertThat(seen.get(seen.size() - 1)).startsWith("SUCCEEDED#");
    }
}
