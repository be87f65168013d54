package io.strata.api.health;

import io.strata.ingestion.druid.DruidSettings;
import io.strata.ingestion.storage.ObjectStore;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Readiness asks each service for real: Druid's broker and overlord, the object store's bucket and Kafka's
 * cluster metadata (PostgreSQL is Boot's own R2DBC indicator). Included in {@code /actuator/health/readiness}.
 */
@Configuration(proxyBeanMethods = false)
class DependencyHealth {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Bean
    ReactiveHealthIndicator druidHealthIndicator(WebClient.Builder builder, DruidSettings druid) {
        WebClient client = builder.build();
        return () -> Mono.zip(
                        ok(client, druid.brokerUrl() + "/status/health"),
                        ok(client, druid.coordinatorUrl() + "/druid/indexer/v1/isLeader"))
                .map(both -> Health.up()
                        .withDetails(Map.of("broker", druid.brokerUrl(), "overlord", druid.coordinatorUrl()))
                        .build())
                .timeout(TIMEOUT)
                .onErrorResume(e -> Mono.just(
                        Health.down().withDetail("error", e.getMessage()).build()));
    }

    private static Mono<String> ok(WebClient client, String url) {
        return client.get().uri(url).retrieve().bodyToMono(String.class);
    }

    @Bean
    ReactiveHealthIndicator objectStoreHealthIndicator(ObjectStore store) {
        return () -> store.ensureBucket()
                .thenReturn(Health.up().build())
                .timeout(TIMEOUT)
                .onErrorResume(e -> Mono.just(
                        Health.down().withDetail("error", e.getMessage()).build()));
    }

    /** On the ingestion module's admin client (see {@code strata.kafka.*}). */
    @Bean
    ReactiveHealthIndicator kafkaHealthIndicator(Admin admin) {
        return () -> Mono.fromFuture(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
                        .clusterId()
                        .toCompletionStage()
                        .toCompletableFuture())
                .map(clusterId -> Health.up().withDetail("clusterId", clusterId).build())
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(TIMEOUT)
                .onErrorResume(e -> Mono.just(
                        Health.down().withDetail("error", e.getMessage()).build()));
    }
}
