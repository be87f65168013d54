package io.strata.api.analytics;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.druid.DruidSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@link DruidSql} over Druid's Avatica JDBC driver. JDBC blocks, so every call runs on a dedicated bounded
 * scheduler sized to the connection pool; no event-loop thread ever waits for Druid.
 */
@Component
class AvaticaDruidSql implements DruidSql, DisposableBean {

    private final HikariDataSource pool;
    private final Scheduler scheduler;
    private final DruidSqlSettings settings;

    AvaticaDruidSql(DruidSettings druid, DruidSqlSettings settings) {
        this.settings = settings;
        HikariConfig config = new HikariConfig();
        config.setPoolName("druid-sql");
        config.setDriverClassName("org.apache.calcite.avatica.remote.Driver");
        config.setJdbcUrl("jdbc:avatica:remote:url=" + druid.brokerUrl() + "/druid/v2/sql/avatica/;"
                + "transparent_reconnection=true");
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1); // Strata starts even when Druid is down; queries then fail clearly
        config.setConnectionTimeout(5_000);
        config.setConnectionTestQuery("SELECT 1");
        config.setAutoCommit(true);
        config.addDataSourceProperty("useApproximateCountDistinct", "false");
        config.addDataSourceProperty("sqlTimeZone", "UTC");
        this.pool = new HikariDataSource(config);
        this.scheduler = Schedulers.newBoundedElastic(settings.poolSize(), settings.queueSize(), "druid-jdbc");
    }

    @Override
    public Mono<List<Map<String, Object>>> query(String sql, List<Object> parameters) {
        return Mono.fromCallable(() -> execute(sql, parameters))
                .subscribeOn(scheduler)
                .timeout(settings.timeout())
                .onErrorMap(this::translate);
    }

    private List<Map<String, Object>> execute(String sql, List<Object> parameters) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout((int) Math.max(1, settings.timeout().toSeconds()));
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
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
            }
        }
    }

    private Throwable translate(Throwable e) {
        if (e instanceof TimeoutException) {
            return new StrataException.UpstreamTimeout("Druid did not answer within " + settings.timeout(), e);
        }
        if (e instanceof SQLException sql) {
            String message = sql.getMessage() != null ? sql.getMessage() : "";
            if (message.contains("not found")
                    || message.contains("INVALID_INPUT")
                    || message.contains("invalidInput")) {
                return new StrataException.InvalidInput("Druid rejected the query: " + firstLine(message));
            }
            return new StrataException.UpstreamUnavailable("Druid SQL failed: " + firstLine(message), e);
        }
        return e;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void destroy() {
        scheduler.dispose();
        pool.close();
    }
}
