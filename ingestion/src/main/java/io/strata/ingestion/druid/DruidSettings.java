package io.strata.ingestion.druid;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Druid answers ({@code strata.druid.*}).
 *
 * @param coordinatorUrl the overlord's URL (here: the coordinator running the overlord), for tasks
 * @param brokerUrl the broker (or router) URL, for SQL
 * @param requestTimeout timeout of one HTTP call to Druid
 */
@ConfigurationProperties("strata.druid")
public record DruidSettings(URI coordinatorUrl, URI brokerUrl, Duration requestTimeout) {

    public DruidSettings {
        requestTimeout = requestTimeout != null ? requestTimeout : Duration.ofSeconds(30);
    }
}
