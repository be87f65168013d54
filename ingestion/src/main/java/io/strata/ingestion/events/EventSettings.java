package io.strata.ingestion.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the outbox relay and of event subscribers ({@code strata.ingestion.events.*}).
 *
 * @param pollInterval how often the relay looks for unpublished outbox rows when it found none last time
 * @param batchSize outbox rows claimed and published at once
 * @param minBackoff the first wait after a failed publish (Kafka or PostgreSQL unavailable)
 * @param maxBackoff the longest wait between retries; the relay never gives up
 * @param retention how long published outbox rows are kept before they are deleted
 * @param subscriberBuffer events one subscriber may fall behind before its subscription fails
 * @param readyTimeout how long a new subscription waits for the event stream when Kafka was unreachable since start
 */
@ConfigurationProperties("strata.ingestion.events")
public record EventSettings(
        Duration pollInterval,
        int batchSize,
        Duration minBackoff,
        Duration maxBackoff,
        Duration retention,
        int subscriberBuffer,
        Duration readyTimeout) {

    public EventSettings {
        pollInterval = pollInterval != null ? pollInterval : Duration.ofMillis(200);
        batchSize = batchSize > 0 ? batchSize : 100;
        minBackoff = minBackoff != null ? minBackoff : Duration.ofMillis(500);
        maxBackoff = maxBackoff != null ? maxBackoff : Duration.ofSeconds(10);
        retention = retention != null ? retention : Duration.ofDays(7);
        subscriberBuffer = subscriberBuffer > 0 ? subscriberBuffer : 1024;
        readyTimeout = readyTimeout != null ? readyTimeout : Duration.ofSeconds(30);
    }
}
