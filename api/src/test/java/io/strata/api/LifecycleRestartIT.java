package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import reactor.test.StepVerifier;

/**
 * The ingestion's running parts (task driver, outbox relay, Kafka event stream) stopped and started again, as Spring
 * does to a cached test context it pauses and resumes, or a checkpoint and restore would: tasks are driven to
 * SUCCEEDED again and a subscriber sees every transition, in order, once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LifecycleRestartIT {

    @LocalServerPort
    int port;

    @Autowired
    ConfigurableApplicationContext context;

    IngestionClient strata;

    @BeforeEach
    void client() {
        strata = new IngestionClient(port);
    }

    @Test
    void theIngestionStoppedAndStartedAgainDrivesTasksAndDeliversEvents() {
        List<SmartLifecycle> ingestion = context.getBeansOfType(SmartLifecycle.class).values().stream()
                .filter(bean -> bean.getClass().getPackageName().startsWith("io.strata.ingestion"))
                .toList();
        assertThat(ingestion)
                .extracting(bean -> bean.getClass().getSimpleName())
                .contains("TaskDriver", "OutboxRelay", "KafkaEventStream");

        ingestion.forEach(Lifecycle::stop);
        assertThat(ingestion).noneMatch(Lifecycle::isRunning);
        ingestion.forEach(Lifecycle::start);
        assertThat(ingestion).allMatch(Lifecycle::isRunning);

        WebSocketGraphQlClient ws = strata.webSocket();
        ws.start().block(Duration.ofSeconds(10));
        List<String> seen = new ArrayList<>();
        String[] taskId = new String[1];
        try {
            StepVerifier.create(TaskSubscriptionIT.datasetChanges(ws, "restarted"))
                    .then(() -> {
                        ws.document("{ __typename }").execute().block(Duration.ofSeconds(10));
                        taskId[0] = (String) strata.accepted(
                                        "restarted",
                                        "sales.csv",
                                        SalesFile.generate(81, 600).csv(),
                                        "")
                                .get("taskId");
                    })
                    .thenConsumeWhile(
                            change -> true, change -> seen.add(change.get("status") + "#" + change.get("sequence")))
                    .expectComplete()
                    .verify(IngestionClient.INGESTION_TIMEOUT);
        } finally {
            ws.stop().block(Duration.ofSeconds(10));
        }

        assertThat(seen).as("every transition, in order, once").isEqualTo(strata.history(taskId[0]));
        assertThat(seen.get(seen.size() - 1)).startsWith("SUCCEEDED#");
        assertThat(strata.totals("restarted").count()).isEqualTo(600);
    }
}
