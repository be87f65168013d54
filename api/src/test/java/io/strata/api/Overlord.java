package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** Druid's overlord as the fault tests ask it, over its own HTTP API. */
final class Overlord {

    private final URI base;
    private final JsonMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Overlord(URI coordinatorUrl, JsonMapper json) {
        this.base = URI.create(coordinatorUrl.toString().replaceAll("/$", ""));
        this.json = json;
    }

    /**
     * The {@code status} object of the overlord's task status answer; a missing node while the overlord does not
     * know the task yet (Strata's driver submits it right after the upload's answer).
     */
    JsonNode status(String druidTaskId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/druid/indexer/v1/task/" + druidTaskId + "/status"))
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

    static boolean isComplete(JsonNode status) {
        return List.of("SUCCESS", "FAILED").contains(status.path("statusCode").asString(""));
    }

    /**
     * Waits until a worker runs the task (not merely queued) or it has finished, and answers its status then: the
     * caller asserts it still runs.
     */
    JsonNode awaitRunningOnAWorker(String druidTaskId, Duration timeout) {
        return Awaitility.await("Druid to run task " + druidTaskId)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> status(druidTaskId),
                        status ->
                                "RUNNING".equals(status.path("runnerStatusCode").asString("")) || isComplete(status));
    }

    boolean answers() {
        try {
            http.send(
                    HttpRequest.newBuilder(uri("/druid/indexer/v1/isLeader"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    URI uri(String path) {
        return base.resolve(path);
    }
}
