package io.strata.api.analytics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Strata asks Druid SQL ({@code strata.druid.sql.*}).
 *
 * @param transport {@code http} (Druid's SQL HTTP API, the default) or {@code avatica} (its JDBC driver)
 * @param poolSize queries in flight to the broker: HTTP connections, or the threads the blocking JDBC calls run on
 * @param queueSize queries waiting for one of those before callers are refused
 * @param timeout the longest a query may take
 */
@ConfigurationProperties("strata.druid.sql")
public record DruidSqlSettings(String transport, int poolSize, int queueSize, Duration timeout) {

    public DruidSqlSettings {
        transport = transport == null || transport.isBlank() ? "http" : transport;
        if (!transport.equals("http") && !transport.equals("avatica")) {
            throw new IllegalArgumentException(
                    "strata.druid.sql.transport must be http or avatica, not '" + transport + "'");
        }
        poolSize = poolSize > 0 ? poolSize : 8;
        queueSize = queueSize > 0 ? queueSize : 1000;
        timeout = timeout != null ? timeout : Duration.ofSeconds(30);
    }
}
