package io.strata.api.analytics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Druid SQL connection pool ({@code strata.druid.sql.*}).
 *
 * @param poolSize connections to the broker, and threads of the scheduler the blocking JDBC calls run on
 * @param queueSize queries waiting for a thread before callers are refused
 * @param timeout the longest a query may take
 */
@ConfigurationProperties("strata.druid.sql")
public record DruidSqlSettings(int poolSize, int queueSize, Duration timeout) {

    public DruidSqlSettings {
        poolSize = poolSize > 0 ? poolSize : 8;
        queueSize = queueSize > 0 ? queueSize : 1000;
        timeout = timeout != null ? timeout : Duration.ofSeconds(30);
    }
}
