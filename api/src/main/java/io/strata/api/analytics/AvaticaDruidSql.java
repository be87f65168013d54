package io.strata.api.analytics;

import io.strata.api.correlation.CorrelationId;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.druid.DruidSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@link DruidSql} over Druid's Avatica JDBC driver ({@code strata.druid.sql.transport=avatica}; the default is
 * {@link HttpDruidSql}, measured faster). JDBC blocks, so every call runs on a dedicated bounded
 * scheduler ({@code druid-jdbc}); no event-loop thread ever waits for Druid.
 *
 * <p>Druid takes query context (our {@code sqlQueryId}, the timeout, ...) only as properties of a JDBC connection,
 * not of a statement, so each query opens its own Avatica connection: two small extra HTTP calls on a pooled,
 * kept-alive HTTP connection, instead of a pool of JDBC connections that would all share one context. The
 * scheduler's size bounds how many queries run at once.
 *
 * <p>Cancelling the subscription (client gone, timeout) cancels the JDBC statement and asks the broker to cancel
 * the query by its {@code sqlQueryId} ({@code DELETE /druid/v2/sql/{id}}), so Druid stops working on it too.
 */
@Component
@ConditionalOnProperty(name = "strata.druid.sql.transport", havingValue = "avatica")
class AvaticaDruidSql implements DruidSql, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AvaticaDruidSql.class);

    private final Driver driver = new org.apache.calcite.avatica.remote.Driver();
    private final String url;
    private final String brokerUrl;
    private final Scheduler scheduler;
    private final DruidSqlSettings settings;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong sequence = new AtomicLong();

    AvaticaDruidSql(DruidSettings druid, DruidSqlSettings settings) {
        this.settings = settings;
        this.brokerUrl = druid.brokerUrl().toString().replaceAll("/+$", "");
        this.url = "jdbc:avatica:remote:url=" + druid.brokerUrl() + "/druid/v2/sql/avatica/;"
                + "transparent_reconnection=true";
        this.scheduler = Schedulers.newBoundedElastic(settings.poolSize(), settings.queueSize(), "druid-jdbc");
    }

    @Override
    public Mono<List<Map<String, Object>>> query(DruidQuery query) {
        return Mono.deferContextual(context -> {
            String sqlQueryId = "strata-" + CorrelationId.from(context) + "-" + sequence.incrementAndGet();
            AtomicReference<PreparedStatement> running = new AtomicReference<>();
            return Mono.fromCallable(() -> execute(query, sqlQueryId, running))
                    .subscribeOn(scheduler)
                    .doOnCancel(() -> cancel(sqlQueryId, running)) // before timeout: a timeout cancels too
                    .timeout(settings.timeout())
                    .onErrorMap(e -> translate(e, sqlQueryId, query.dataset()));
        });
    }

    private List<Map<String, Object>> execute(
            DruidQuery query, String sqlQueryId, AtomicReference<PreparedStatement> running) throws SQLException {
        try (Connection connection = driver.connect(url, properties(query, sqlQueryId));
                PreparedStatement statement = connection.prepareStatement(query.sql())) {
            running.set(statement);
            statement.setQueryTimeout((int) Math.max(1, settings.timeout().toSeconds()));
            for (int i = 0; i < query.parameters().size(); i++) {
                statement.setObject(i + 1, query.parameters().get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            } finally {
                running.set(null);
            }
        }
    }

    private Properties properties(DruidQuery query, String sqlQueryId) {
        Properties properties = new Properties();
        properties.setProperty("sqlTimeZone", "UTC");
        properties.setProperty("useApproximateCountDistinct", "false");
        properties.setProperty("timeout", Long.toString(settings.timeout().toMillis()));
        query.context().forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
        properties.setProperty("sqlQueryId", sqlQueryId);
        return properties;
    }

    /**
     * Best effort, off the cancelling thread (often an event loop): the JDBC statement gives up waiting (Avatica's
     * cancel takes the statement's lock) and the broker stops the query. Both may block, so they run on Reactor's
     * scheduler for blocking work.
     */
    private void cancel(String sqlQueryId, AtomicReference<PreparedStatement> running) {
        Schedulers.boundedElastic().schedule(() -> {
            PreparedStatement statement = running.get();
            if (statement != null) {
                try {
                    statement.cancel();
                } catch (SQLException | RuntimeException e) {
                    log.debug("Cancelling statement {} failed: {}", sqlQueryId, e.getMessage());
                }
            }
            HttpRequest delete = HttpRequest.newBuilder(URI.create(
                            brokerUrl + "/druid/v2/sql/" + URLEncoder.encode(sqlQueryId, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(5))
                    .DELETE()
                    .build();
            try {
                int status = http.send(delete, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                log.debug("Cancel of Druid query {} answered {}", sqlQueryId, status);
            } catch (java.io.IOException e) {
                log.debug("Cancel of Druid query {} failed: {}", sqlQueryId, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private Throwable translate(Throwable e, String sqlQueryId, String dataset) {
        if (e instanceof StrataException) {
            return e;
        }
        if (e instanceof TimeoutException) {
            return new StrataException.UpstreamTimeout(
                    "Druid did not answer within " + settings.timeout() + " (query " + sqlQueryId + ")", e);
        }
        if (e instanceof SQLException sql) {
            String message = sql.getMessage() != null ? sql.getMessage() : "";
            if (sql instanceof org.apache.calcite.avatica.AvaticaSqlException remote) {
                // The broker's own error (its category, e.g. invalidInput) travels in the remote stack traces.
                message = message + " " + String.join(" ", remote.getStackTraces());
            }
            log.info("Druid query {} failed: {}", sqlQueryId, message); // server log only, never to the client
            if (message.contains("QueryInterruptedException") && message.contains("timeout")
                    || message.contains("Query timeout")) {
                return new StrataException.UpstreamTimeout(
                        "Druid did not answer within " + settings.timeout() + " (query " + sqlQueryId + ")", e);
            }
            if (message.contains("INVALID_INPUT")
                    || message.contains("invalidInput")
                    || message.contains("while preparing SQL")) {
                // Our SQL is built from checked names; Druid still refuses some combinations (e.g. a type it
                // cannot aggregate). The client learns that, never the SQL text.
                return DruidErrors.refused(dataset, sqlQueryId, message);
            }
            return new StrataException.UpstreamUnavailable("Druid SQL is unavailable (query " + sqlQueryId + ")", e);
        }
        return e;
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
