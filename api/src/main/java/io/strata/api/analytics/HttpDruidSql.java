package io.strata.api.analytics;

import io.netty.channel.ChannelOption;
import io.strata.api.correlation.CorrelationId;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.druid.DruidSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link DruidSql} over Druid's SQL HTTP API ({@code POST /druid/v2/sql}), the default transport
 * ({@code strata.druid.sql.transport=http}). One request per query, on a pooled, kept-alive connection, with the
 * query's own context ({@code sqlQueryId}, timeout) and typed parameters; nothing blocks, so no thread waits for
 * Druid. Measured against the Avatica JDBC transport ({@link AvaticaDruidSql}), which needs a JDBC connection per query
 * to carry per-query context, it answers in about half the time (api/README.md, "Druid SQL transport").
 *
 * <p>The connection pool bounds the queries in flight ({@code strata.druid.sql.pool-size}) and those waiting
 * ({@code queue-size}). Rows keep JDBC's value types: BIGINT as {@link Long}, DOUBLE/FLOAT/DECIMAL as
 * {@link Double}, text as {@link String}, BOOLEAN as {@link Boolean}. Cancelling the subscription (client gone,
 * timeout) closes the request and asks the broker to cancel the query by its {@code sqlQueryId}.
 */
@Component
@ConditionalOnProperty(name = "strata.druid.sql.transport", havingValue = "http", matchIfMissing = true)
class HttpDruidSql implements DruidSql, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HttpDruidSql.class);

    private final WebClient broker;
    private final ConnectionProvider connections;
    private final DruidSqlSettings settings;
    private final JsonMapper json;
    private final AtomicLong sequence = new AtomicLong();

    HttpDruidSql(DruidSettings druid, DruidSqlSettings settings, JsonMapper json, WebClient.Builder builder) {
        this.settings = settings;
        this.json = json;
        this.connections = ConnectionProvider.builder("druid-sql")
                .maxConnections(settings.poolSize())
                .pendingAcquireMaxCount(settings.queueSize())
                .pendingAcquireTimeout(settings.timeout())
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        HttpClient http = HttpClient.create(connections).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000);
        this.broker = builder.clone()
                .baseUrl(druid.brokerUrl().toString().replaceAll("/+$", ""))
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
                .build();
    }

    @Override
    public Mono<List<Map<String, Object>>> query(DruidQuery query) {
        return Mono.deferContextual(context -> {
            String sqlQueryId = "strata-" + CorrelationId.from(context) + "-" + sequence.incrementAndGet();
            return broker.post()
                    .uri("/druid/v2/sql")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(request(query, sqlQueryId))
                    .retrieve()
                    .bodyToMono(byte[].class) // parsed from the bytes: no decoding into a String first
                    .map(body -> rows(json.readTree(body)))
                    .doOnCancel(() -> cancel(sqlQueryId)) // before timeout: a timeout cancels too
                    .timeout(settings.timeout())
                    .onErrorMap(e -> translate(e, sqlQueryId, query.dataset()));
        });
    }

    private Map<String, Object> request(DruidQuery query, String sqlQueryId) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("sqlTimeZone", "UTC");
        context.put("useApproximateCountDistinct", false);
        context.put("timeout", settings.timeout().toMillis());
        context.putAll(query.context());
        context.put("sqlQueryId", sqlQueryId);
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (Object value : query.parameters()) {
            parameters.add(Map.of("type", sqlType(value), "value", value));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", query.sql());
        request.put("parameters", parameters);
        request.put("context", context);
        request.put("resultFormat", "array");
        request.put("header", true);
        request.put("sqlTypesHeader", true);
        return request;
    }

    private static String sqlType(Object value) {
        if (value instanceof String) {
            return "VARCHAR";
        }
        if (value instanceof Long || value instanceof Integer) {
            return "BIGINT";
        }
        if (value instanceof Double || value instanceof Float) {
            return "DOUBLE";
        }
        if (value instanceof Boolean) {
            return "BOOLEAN";
        }
        throw new IllegalArgumentException(
                "cannot bind " + (value == null ? "null" : value.getClass().getName()));
    }

    /** The answer: a row of column names, a row of SQL types, then the rows, each an array. */
    static List<Map<String, Object>> rows(JsonNode answer) {
        if (!answer.isArray() || answer.size() < 2) {
            throw new IllegalStateException("Druid answered no header rows");
        }
        JsonNode names = answer.get(0);
        JsonNode types = answer.get(1);
        List<Map<String, Object>> rows = new ArrayList<>(answer.size() - 2);
        for (int r = 2; r < answer.size(); r++) {
            JsonNode values = answer.get(r);
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < names.size(); c++) {
                row.put(
                        names.get(c).asString(),
                        value(values.get(c), types.get(c).asString()));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object value(JsonNode value, String sqlType) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (sqlType) {
            case "BIGINT", "INTEGER", "SMALLINT", "TINYINT" -> value.asLong();
            case "DOUBLE", "FLOAT", "REAL", "DECIMAL" -> value.asDouble();
            case "BOOLEAN" -> value.asBoolean();
            default -> value.isString() ? value.asString() : value.toString();
        };
    }

    /** Best effort, and without a caller to answer: the broker is asked to stop the query. */
    private void cancel(String sqlQueryId) {
        broker.delete()
                .uri("/druid/v2/sql/{id}", sqlQueryId)
                .retrieve()
                .toBodilessEntity()
                .timeout(Duration.ofSeconds(5))
                .subscribe(
                        answer -> log.debug("Cancel of Druid query {} answered {}", sqlQueryId, answer.getStatusCode()),
                        e -> log.debug("Cancel of Druid query {} failed: {}", sqlQueryId, e.toString()));
    }

    private Throwable translate(Throwable e, String sqlQueryId, String dataset) {
        if (e instanceof StrataException) {
            return e;
        }
        String timedOut = "Druid did not answer within " + settings.timeout() + " (query " + sqlQueryId + ")";
        if (e instanceof TimeoutException) {
            return new StrataException.UpstreamTimeout(timedOut, e);
        }
        if (e instanceof WebClientResponseException response) {
            String body = response.getResponseBodyAsString();
            log.info("Druid query {} failed with {}: {}", sqlQueryId, response.getStatusCode(), body); // log only
            String category = "";
            String code = "";
            try {
                JsonNode error = json.readTree(body);
                category = error.path("category").asString("");
                code = error.path("errorCode").asString("");
            } catch (RuntimeException notJson) {
                // the status decides
            }
            if (response.getStatusCode().value() == 504 || category.equals("TIMEOUT") || code.equals("timeout")) {
                return new StrataException.UpstreamTimeout(timedOut, e);
            }
            if (response.getStatusCode().value() == 400 && !category.equals("CAPACITY_EXCEEDED")) {
                // Our SQL is built from checked names; Druid still refuses some combinations (e.g. a type it cannot
                // aggregate). The client learns that, never the SQL text.
                return DruidErrors.refused(dataset, sqlQueryId, body);
            }
            return new StrataException.UpstreamUnavailable("Druid SQL is unavailable (query " + sqlQueryId + ")", e);
        }
        if (e instanceof WebClientRequestException || e instanceof IllegalStateException) {
            log.info("Druid query {} failed: {}", sqlQueryId, e.toString());
            return new StrataException.UpstreamUnavailable("Druid SQL is unavailable (query " + sqlQueryId + ")", e);
        }
        return e;
    }

    @Override
    public void destroy() {
        connections.dispose();
    }
}
