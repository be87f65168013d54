package io.strata.api.health;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where Kafka answers ({@code strata.kafka.bootstrap-servers}). */
@ConfigurationProperties("strata.kafka")
public record KafkaSettings(String bootstrapServers) {}
