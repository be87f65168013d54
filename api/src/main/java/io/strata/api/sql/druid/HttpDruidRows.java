package io.strata.api.sql.druid;

import io.netty.channel.ChannelOption;
import io.strata.api.sql.DruidRows;
import io.strata.api.sql.DruidStatement;
import io.strata.api.sql.ResultPart;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlSettings;
import io.strata.api.sql.SqlState;
import io.strata.ingestion.druid.DruidSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link DruidRows} over Druid's SQL HTTP API with {@code resultFormat=arrayLines}: the broker's answer is decoded
 * line by line as it arrives and read only as fast as the subscriber asks for rows (Reactor Netty reads the socket
 * on demand), so a result of any size passes in bounded memory. The query's limits are checked as it streams, and
 * Druid is asked to produce at most one row more than the row limit ({@code sqlOuterLimit}).
 */
@Component
class HttpDruidRows implements DruidRows, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HttpDruidRows.class);

    private final WebClient broker;
    private final ConnectionProvider connections;
    private final SqlSettings settings;
    private final JsonMapper json;

    HttpDruidRows(DruidSettings druid, SqlSettings settings, JsonMapper json, WebClient.Builder builder) {
        this.settings = settings;
        this.json = json;
        this.connections = ConnectionProvider.builder("druid-sql-stream")
                .maxConnections(settings.druidConnections())
                .pendingAcquireMaxCount(settings.druidConnections() * 64)
                .pendingAcquireTimeout(settings.timeout())
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        HttpClient http = HttpClient.create(connections).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000);
        this.broker = builder.clone()
                .baseUrl(druid.brokerUrl().toString().replaceAll("/+$", ""))
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
    }

    @Override
    public Flux<ResultPart> stream(DruidStatement statement) {
        String id = statement.sqlQueryId();
        return Flux.defer(() -> {
                    DruidLines lines = new DruidLines(statement.maxRows(), statement.maxBytes(), id);
                    return broker.post()
                            .uri("/druid/v2/sql")
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(request(statement))
                            .exchangeToFlux(response -> {
                                if (response.statusCode().is2xxSuccessful()) {
                                    return response.bodyToFlux(DataBuffer.class)
                                            .concatMapIterable(buffer -> decode(lines, buffer), 2)
                                            .concatWith(Mono.<ResultPart>fromRunnable(lines::finish));
                                }
                                return response.bodyToMono(byte[].class)
                                        .defaultIfEmpty(new byte[0])
                                        .flatMapMany(body -> {
                                            log.info(
                                                    "Druid query {} failed with {}: {}",
                                                    id,
                                                    response.statusCode(),
                                                    new String(body, java.nio.charset.StandardCharsets.UTF_8));
                                            return Flux.error(DruidErrors.of(
                                                    response.statusCode().value(), body, id, json));
                                        });
                            });
                })
                // Before the timeout, which cancels too; a limit's error ends the query in Druid as well.
                .doOnCancel(() -> cancel(id))
                .doOnError(
                        e -> e instanceof SqlException s && s.state() == SqlState.CONFIGURATION_LIMIT_EXCEEDED,
                        e -> cancel(id))
                // The answer's first bytes (the header) within the timeout; Druid's own timeout bounds the rest.
                .timeout(Mono.delay(settings.timeout()), first -> Mono.never())
                .onErrorMap(e -> translate(e, id));
    }

    private static List<ResultPart> decode(DruidLines lines, DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return lines.accept(bytes, 0, bytes.length);
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private Map<String, Object> request(DruidStatement statement) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("sqlTimeZone", "UTC");
        context.put("useApproximateCountDistinct", false);
        context.put("timeout", settings.timeout().toMillis());
        context.putAll(statement.context());
        context.put("sqlQueryId", statement.sqlQueryId());
        context.put("sqlOuterLimit", statement.maxRows() + 1);
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (DruidStatement.Parameter p : statement.parameters()) {
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("type", p.type());
            parameter.put("value", p.value());
            parameters.add(parameter);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", statement.sql());
        request.put("parameters", parameters);
        request.put("context", context);
        request.put("resultFormat", "arrayLines");
        request.put("header", true);
        request.put("typesHeader", true);
        request.put("sqlTypesHeader", true);
        return request;
    }

    /** Best effort, without a caller to answer: the broker is asked to stop the query. */
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

    private Throwable translate(Throwable e, String sqlQueryId) {
        if (e instanceof SqlException) {
            return e;
        }
        if (e instanceof TimeoutException) {
            return new SqlException(
                    SqlState.QUERY_CANCELED,
                    "canceling statement due to statement timeout: Druid did not answer within " + settings.timeout()
                            + " (Druid query " + sqlQueryId + ")",
                    "ask for less, or raise strata.sql.timeout",
                    0,
                    e);
        }
        if (e instanceof WebClientRequestException) {
            log.info("Druid query {} failed: {}", sqlQueryId, e.toString());
            return new SqlException(
                    SqlState.SYSTEM_ERROR,
                    "Druid's broker is unavailable (Druid query " + sqlQueryId + ")",
                    "try again once Druid is back; /actuator/health/readiness shows its state",
                    0,
                    e);
        }
        // The answer promises the details in the log: the whole trace.
        log.warn("Druid query {} failed", sqlQueryId, e);
        return new SqlException(
                SqlState.SYSTEM_ERROR,
                "Druid's answer could not be read (Druid query " + sqlQueryId + ")",
                "the server's log has the details under this query id",
                0,
                e);
    }

    @Override
    public void destroy() {
        connections.dispose();
    }
}
