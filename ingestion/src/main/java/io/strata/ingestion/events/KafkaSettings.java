package io.strata.ingestion.events;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Kafka answers and how Strata's topics are made ({@code strata.kafka.*}).
 *
 * @param bootstrapServers Kafka's bootstrap servers, e.g. {@code broker-1:9092,broker-2:9092}
 * @param partitions partitions of a topic Strata creates
 * @param replicationFactor replicas of a topic Strata creates (1 for a single broker; 3 in production)
 * @param requestTimeout timeout of one request to Kafka; a publish gives up after a few of them and is retried
 * @param properties more Kafka client properties for the producer, the consumer and the admin client (security,
 *     SASL, TLS), e.g. {@code strata.kafka.properties[security.protocol]=SSL}
 */
@ConfigurationProperties("strata.kafka")
public record KafkaSettings(
        String bootstrapServers,
        int partitions,
        short replicationFactor,
        Duration requestTimeout,
        Map<String, String> properties) {

    public KafkaSettings {
        partitions = partitions > 0 ? partitions : 3;
        replicationFactor = replicationFactor > 0 ? replicationFactor : 1;
        requestTimeout = requestTimeout != null ? requestTimeout : Duration.ofSeconds(5);
        properties = properties != null ? Map.copyOf(properties) : Map.of();
    }
}
