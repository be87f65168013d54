package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.strata.stack.SharedStack;
import io.strata.stack.StackProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each process of the embedded stack is killed (SIGKILL) while Strata runs: readiness turns DOWN naming it (liveness
 * stays UP), the supervisor starts it again, readiness turns UP, and an upload made after that succeeds with its
 * file's totals.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StackServiceKilledIT {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest
    @EnumSource(
            value = StackProcess.class,
            names = {
                "DRUID_INDEXER",
                "DRUID_BROKER",
                "DRUID_HISTORICAL",
                "DRUID_COORDINATOR",
                "ZOOKEEPER",
                "KAFKA",
                "S3"
            })
    void aKilledServiceTurnsReadinessDownNamingItAndAnUploadAfterItsRestartSucceeds(StackProcess killed)
            throws Exception {
        String name = killed.processName();
        SharedStack.kill(killed);

        // A client's own check (Kafka's, the object store's) may report the service DOWN a moment before the
        // launcher has seen its process exit; readiness must come to name it in the local stack's component.
        JsonNode down = Awaitility.await("readiness to report " + name + " down, named by the local stack")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> health("/actuator/health/readiness"),
                        health -> !"UP".equals(status(health))
                                && health.path("components")
                                        .path("localStack")
                                        .path("details")
                                        .path("error")
                                        .asString("")
                                        .contains(name));
        assertThat(status(down))
                .as("readiness while %s is down: %s", name, down)
                .isEqualTo("DOWN");
        assertThat(status(health("/actuator/health/liveness"))).as("liveness").isEqualTo("UP");

        JsonNode up = Awaitility.await("readiness to be UP again after " + name + " restarted")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> health("/actuator/health/readiness"), health -> "UP".equals(status(health)));
        JsonNode service = up.path("components")
                .path("localStack")
                .path("details")
                .path("services")
                .path(name);
        assertThat(service.path("restarts").asInt()).as("%s's restarts", name).isGreaterThanOrEqualTo(1);
        assertThat(service.path("lastExit").asString()).contains("SIGKILL");

        IngestionClient strata = new IngestionClient(port);
        SalesFile file = SalesFile.generate(80 + killed.ordinal(), 500);
        String dataset = "after_" + name.toLowerCase(Locale.ROOT);
        strata.awaitStatus(
                (String) strata.accepted(dataset, "sales.csv", file.csv(), "").get("taskId"), "SUCCEEDED");
        IngestionClient.Totals totals = strata.totals(dataset);
        assertThat(totals.count()).isEqualTo(file.rows());
        assertThat(totals.quantity()).isEqualTo(file.quantity());
        assertThat(totals.revenue()).isCloseTo(file.revenue(), within(0.01));
    }

    private JsonNode health(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(15))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    private static String status(JsonNode health) {
        return health.path("status").asString("");
    }
}
