package io.strata.specs.druid;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.specs.SpecJson;
import io.strata.stack.StackEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * The parts of Druid's HTTP API the integration tests need, over plain blocking {@link HttpClient}: submit a task
 * to the Overlord, wait for it, wait until the Broker serves every segment the datasource should be queried from,
 * and run SQL.
 */
final class DruidHttp {

    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration QUERYABLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(300);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String overlord;
    private final String broker;

    DruidHttp(StackEndpoints endpoints) {
        this.overlord = endpoints.druidCoordinatorUrl();
        this.broker = endpoints.druidBrokerUrl();
    }

    /** POSTs a task and returns its id. */
    String submit(String taskJson) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(overlord + "/druid/indexer/v1/task"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(taskJson))
                .build());
        assertThat(response.statusCode())
                .as("task submission answered %s", response.body())
                .isEqualTo(200);
        return SpecJson.tree(response.body()).path("task").asString();
    }

    /** Waits until the task is no longer running and asserts it succeeded, showing its error and log if not. */
    void awaitSuccess(String taskId) {
        JsonNode status = Awaitility.await("task " + taskId + " to finish")
                .atMost(TASK_TIMEOUT)
                .pollInterval(POLL)
                .until(() -> status(taskId), s -> {
                    String code = s.path("statusCode").asString("");
                    return code.equals("SUCCESS") || code.equals("FAILED");
                });
        assertThat(status.path("statusCode").asString())
                .as("task %s failed: %s%nlog tail:%n%s", taskId, status.path("errorMsg"), logTail(taskId))
                .isEqualTo("SUCCESS");
    }

    private JsonNode status(String taskId) {
        HttpResponse<String> response = get(overlord + "/druid/indexer/v1/task/" + encode(taskId) + "/status");
        return response.statusCode() == 200 ? SpecJson.tree(response.body()).path("status") : SpecJson.tree("{}");
    }

    private String logTail(String taskId) {
        return get(overlord + "/druid/indexer/v1/task/" + encode(taskId) + "/log?offset=-6000")
                .body();
    }

    /**
     * Waits until the Broker can answer queries over everything the datasource now holds: the Coordinator reloads
     * the published segments from the metadata store, then the Broker's {@code sys.segments} (published segments
     * from the Coordinator, availability from the Broker's own view of the historicals) must show every
     * published, not overshadowed segment as available, and its SQL schema must list the datasource. Nothing here
     * depends on the data expected.
     */
    void awaitQueryable(String dataSource) {
        HttpResponse<String> refresh = get(overlord + "/druid/coordinator/v1/datasources/" + encode(dataSource)
                + "/loadstatus?forceMetadataRefresh=true");
        assertThat(refresh.statusCode()).as("loadstatus: %s", refresh.body()).isIn(200, 204);
        Awaitility.await("broker to serve every segment of " + dataSource)
                .atMost(QUERYABLE_TIMEOUT)
                .pollInterval(POLL)
                .until(
                        () -> sql(
                                "SELECT is_available FROM sys.segments"
                                        + " WHERE datasource = ? AND is_published = 1 AND is_overshadowed = 0",
                                dataSource),
                        rows -> !rows.isEmpty()
                                && rows.stream()
                                        .allMatch(r -> r.get("is_available").asLong() == 1));
        // The Broker's SQL layer learns a new table from its segment metadata cache, refreshed apart from the
        // segment view: until then a query answers "Object not found".
        Awaitility.await("broker's SQL schema to list " + dataSource)
                .atMost(QUERYABLE_TIMEOUT)
                .pollInterval(POLL)
                .until(
                        () -> sql(
                                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                                        + " WHERE TABLE_SCHEMA = 'druid' AND TABLE_NAME = ?",
                                dataSource),
                        rows -> !rows.isEmpty());
    }

    /** Runs SQL on the Broker with string parameters and returns the rows as objects; asserts HTTP 200. */
    List<Map<String, JsonNode>> sql(String query, String... parameters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("resultFormat", "object");
        List<Map<String, String>> params = new ArrayList<>();
        for (String p : parameters) {
            params.add(Map.of("type", "VARCHAR", "value", p));
        }
        body.put("parameters", params);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(broker + "/druid/v2/sql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SpecJson.write(body)))
                .build());
        assertThat(response.statusCode())
                .as("SQL %s answered %s", query, response.body())
                .isEqualTo(200);
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        for (JsonNode row : SpecJson.tree(response.body())) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            row.properties().forEach(e -> values.put(e.getKey(), e.getValue()));
            rows.add(values);
        }
        return rows;
    }

    private HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(
                    HttpRequest.newBuilder(request, (name, value) -> true)
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.uri(), e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
