package io.strata.ingestion.druid;

import io.strata.ingestion.RowStats;
import io.strata.ingestion.StrataException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** {@link TaskRunner} over the overlord's HTTP API, and the broker's SQL API for availability. */
final class OverlordTaskRunner implements TaskRunner {

    private static final String SEGMENTS_PENDING =
            "SELECT COUNT(*) FILTER (WHERE is_available = 0) AS pending, COUNT(*) AS published FROM sys.segments "
                    + "WHERE datasource = ? AND is_published = 1 AND is_overshadowed = 0";
    private static final String TABLE_KNOWN =
            "SELECT COUNT(*) AS known FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'druid' AND TABLE_NAME = ?";

    /** How long a worker may take to list its tasks before it counts as not answering. */
    private static final Duration WORKER_TIMEOUT = Duration.ofSeconds(5);

    private final WebClient overlord;
    private final WebClient broker;
    private final WebClient workers;
    private final Duration timeout;

    OverlordTaskRunner(WebClient.Builder builder, DruidSettings settings) {
        this.overlord =
                builder.clone().baseUrl(settings.coordinatorUrl().toString()).build();
        this.broker = builder.clone().baseUrl(settings.brokerUrl().toString()).build();
        this.workers = builder.clone().build();
        this.timeout = settings.requestTimeout();
    }

    @Override
    public Mono<Void> submit(String druidTaskId, String taskJson) {
        return overlord.post()
                .uri("/druid/indexer/v1/task")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(taskJson)
                .retrieve()
                .toBodilessEntity()
                .then()
                .onErrorResume(
                        WebClientResponseException.class,
                        e -> alreadyExists(e) ? Mono.empty() : Mono.error(rejected(druidTaskId, e)))
                .timeout(timeout)
                .onErrorMap(this::translate);
    }

    private static boolean alreadyExists(WebClientResponseException e) {
        String body = e.getResponseBodyAsString();
        return e.getStatusCode().is4xxClientError() && body.contains("already exists");
    }

    private static StrataException rejected(String druidTaskId, WebClientResponseException e) {
        if (e.getStatusCode().is5xxServerError()) {
            return new StrataException.UpstreamUnavailable(
                    "Druid's overlord failed to accept task " + druidTaskId + ": " + e.getStatusCode(), e);
        }
        return new StrataException.InvalidInput(
                "Druid rejected the ingestion spec of task " + druidTaskId + ": " + e.getResponseBodyAsString());
    }

    @Override
    public Mono<DruidTaskState> state(String druidTaskId) {
        return overlord.get()
                .uri("/druid/indexer/v1/task/{id}/status", druidTaskId)
                .retrieve()
                .onStatus(HttpStatusCode::is4xxClientError, response -> Mono.empty())
                .bodyToMono(JsonNode.class)
                .map(OverlordTaskRunner::toState)
                .defaultIfEmpty(new DruidTaskState(DruidTaskState.Phase.UNKNOWN, null))
                .onErrorResume(
                        WebClientResponseException.NotFound.class,
                        e -> Mono.just(new DruidTaskState(DruidTaskState.Phase.UNKNOWN, null)))
                .timeout(timeout)
                .onErrorMap(this::translate);
    }

    static DruidTaskState toState(JsonNode body) {
        JsonNode status = body.path("status");
        if (status.isMissingNode() || status.isNull()) {
            return new DruidTaskState(DruidTaskState.Phase.UNKNOWN, null);
        }
        String code = status.path("statusCode").asString(status.path("status").asString(""));
        String error = status.path("errorMsg").isNull()
                ? null
                : status.path("errorMsg").asString(null);
        return switch (code) {
            case "SUCCESS" -> new DruidTaskState(DruidTaskState.Phase.SUCCESS, null);
            case "FAILED" -> new DruidTaskState(DruidTaskState.Phase.FAILED, error);
                // statusCode RUNNING means "not finished": only the runner's status says whether a worker runs it.
            default -> "RUNNING".equals(status.path("runnerStatusCode").asString(""))
                    ? new DruidTaskState(DruidTaskState.Phase.RUNNING, null, location(status.path("location")))
                    : new DruidTaskState(DruidTaskState.Phase.WAITING, null);
        };
    }

    private static DruidTaskState.TaskLocation location(JsonNode location) {
        String host =
                location.path("host").isNull() ? null : location.path("host").asString(null);
        int port = location.path("port").asInt(-1);
        return host == null || host.isEmpty() || port <= 0 ? null : new DruidTaskState.TaskLocation(host, port);
    }

    @Override
    public Mono<WorkerAnswer> workerRuns(String druidTaskId, DruidTaskState.TaskLocation location) {
        return workers.get()
                .uri("http://" + location.host() + ":" + location.port() + "/druid/worker/v1/tasks")
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(tasks -> {
                    for (JsonNode task : tasks) {
                        if (druidTaskId.equals(task.asString(""))) {
                            return WorkerAnswer.RUNS_IT;
                        }
                    }
                    return WorkerAnswer.DOES_NOT_RUN_IT;
                })
                .timeout(WORKER_TIMEOUT)
                .onErrorReturn(WorkerAnswer.NO_ANSWER);
    }

    @Override
    public Mono<WorkerSlots> workerSlots() {
        return overlord.get()
                .uri("/druid/indexer/v1/workers")
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(all -> {
                    int capacity = 0;
                    int used = 0;
                    for (JsonNode worker : all) {
                        capacity += worker.path("worker").path("capacity").asInt(0);
                        used += worker.path("currCapacityUsed").asInt(0);
                    }
                    return new WorkerSlots(all.size(), capacity, used);
                })
                .timeout(timeout)
                .onErrorMap(this::translate);
    }

    @Override
    public Mono<List<String>> usedSegments(String dataSource, List<String> intervals) {
        return overlord.post()
                .uri("/druid/coordinator/v1/metadata/datasources/{ds}/segments", dataSource)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(intervals)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(ids -> {
                    List<String> all = new java.util.ArrayList<>();
                    ids.forEach(id -> all.add(id.asString()));
                    all.sort(null);
                    return List.copyOf(all);
                })
                .onErrorResume(WebClientResponseException.NotFound.class, e -> Mono.just(List.of()))
                .defaultIfEmpty(List.of())
                .timeout(timeout)
                .onErrorMap(this::translate);
    }

    @Override
    public Mono<RowStats> rowStats(String druidTaskId) {
        return overlord.get()
                .uri("/druid/indexer/v1/task/{id}/reports", druidTaskId)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(OverlordTaskRunner::toRowStats)
                .onErrorResume(WebClientResponseException.class, e -> Mono.just(RowStats.UNKNOWN))
                .defaultIfEmpty(RowStats.UNKNOWN)
                .timeout(timeout)
                .onErrorMap(this::translate);
    }

    static RowStats toRowStats(JsonNode report) {
        JsonNode rows = report.path("ingestionStatsAndErrors")
                .path("payload")
                .path("rowStats")
                .path("buildSegments");
        if (rows.isMissingNode()) {
            return RowStats.UNKNOWN;
        }
        return new RowStats(
                rows.path("processed").asLong(0),
                rows.path("processedWithError").asLong(0),
                rows.path("thrownAway").asLong(0),
                rows.path("unparseable").asLong(0));
    }

    @Override
    public Mono<Void> cancel(String druidTaskId) {
        return overlord.post()
                .uri("/druid/indexer/v1/task/{id}/shutdown", druidTaskId)
                .retrieve()
                .toBodilessEntity()
                .then()
                .onErrorResume(WebClientResponseException.NotFound.class, e -> Mono.empty())
                .timeout(timeout)
                .onErrorMap(this::translate);
    }

    @Override
    public Mono<Boolean> isQueryable(String dataSource) {
        Mono<Boolean> tableKnown =
                sql(TABLE_KNOWN, dataSource).map(row -> row.path("known").asLong(0) > 0);
        Mono<Boolean> segmentsLoaded = sql(SEGMENTS_PENDING, dataSource)
                .map(row -> row.path("published").asLong(0) > 0
                        && row.path("pending").asLong(1) == 0);
        return tableKnown.flatMap(known -> known ? segmentsLoaded : Mono.just(false));
    }

    private Mono<JsonNode> sql(String query, String parameter) {
        return broker.post()
                .uri("/druid/v2/sql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", query, "parameters", List.of(Map.of("type", "VARCHAR", "value", parameter))))
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(rows -> rows.path(0))
                .timeout(timeout)
                .onErrorMap(this::translate);
    }

    private Throwable translate(Throwable e) {
        if (e instanceof StrataException) {
            return e;
        }
        if (e instanceof TimeoutException) {
            return new StrataException.UpstreamTimeout("Druid did not answer within " + timeout, e);
        }
        if (e instanceof WebClientRequestException || e instanceof WebClientResponseException) {
            return new StrataException.UpstreamUnavailable("Druid is unavailable: " + e.getMessage(), e);
        }
        return e;
    }
}
