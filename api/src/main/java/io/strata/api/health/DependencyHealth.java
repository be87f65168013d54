package io.strata.api.health;

import io.strata.ingestion.druid.DruidSettings;
import io.strata.ingestion.storage.ObjectStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * Readiness asks each service for real: Druid's broker and overlord, the object store's bucket and Kafka's
 * cluster metadata (PostgreSQL is Boot's own R2DBC indicator). Included in {@code /actuator/health/readiness}.
 */
@Configuration(proxyBeanMethods = false)
class DependencyHealth {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /**
     * Each Druid service a query or an ingestion needs, asked on its own so a DOWN names the one missing: the broker
     * answers, the overlord leads, at least one indexer (or middle manager) is registered with it to run tasks, and
     * the coordinator knows at least one historical to serve segments.
     */
    @Bean
    ReactiveHealthIndicator druidHealthIndicator(WebClient.Builder builder, DruidSettings druid) {
        WebClient client = builder.build();
        String broker = druid.brokerUrl().toString();
        String coordinator = druid.coordinatorUrl().toString();
        String overlord = "Druid's coordinator (with the overlord)";
        return () -> Flux.mergeSequential(
                        problem("Druid's broker", ok(client, broker + "/status/health"), "unhealthy"),
                        problem(overlord, ok(client, coordinator + "/druid/indexer/v1/isLeader"), "does not lead"),
                        problem(
                                overlord,
                                json(client, coordinator + "/druid/indexer/v1/workers")
                                        .map(workers -> !workers.isEmpty()),
                                "knows no indexer: no worker is registered to run ingestion tasks"),
                        problem(
                                overlord,
                                json(client, coordinator + "/druid/coordinator/v1/servers?simple")
                                        .map(DependencyHealth::hasHistorical),
                                "knows no historical: no segment can be served"))
                .filter(problem -> !problem.isEmpty())
                .distinct()
                .collectList()
                .map(down -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("broker", broker);
                    details.put("overlord", coordinator);
                    if (down.isEmpty()) {
                        return Health.up().withDetails(details).build();
                    }
                    return Health.down()
                            .withDetail("error", String.join("; ", down))
                            .withDetails(details)
                            .build();
                });
    }

    /** Empty when {@code check} holds, else what is wrong with {@code service}. */
    private static Mono<String> problem(String service, Mono<Boolean> check, String whenFalse) {
        return check.map(holds -> holds ? "" : service + " " + whenFalse)
                .timeout(TIMEOUT)
                .onErrorResume(e -> Mono.just(service + " does not answer: " + reason(e)));
    }

    /** What went wrong in a user's words: no connection, no answer in time, or the HTTP status answered. */
    static String reason(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof WebClientResponseException response) {
            return "it answered HTTP " + response.getStatusCode().value();
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() != null ? cause.getMessage() : "";
        if (message.contains("Connection refused") || message.contains("Connection reset")) {
            return "connection refused";
        }
        return message.isEmpty() ? "no connection" : message;
    }

    private static boolean hasHistorical(JsonNode servers) {
        for (JsonNode server : servers) {
            if ("historical".equals(server.path("type").asString(""))) {
                return true;
            }
        }
        return false;
    }

    private static Mono<Boolean> ok(WebClient client, String url) {
        return client.get().uri(url).retrieve().toBodilessEntity().map(response -> true);
    }

    private static Mono<JsonNode> json(WebClient client, String url) {
        return client.get().uri(url).retrieve().bodyToMono(JsonNode.class);
    }

    @Bean
    ReactiveHealthIndicator objectStoreHealthIndicator(ObjectStore store) {
        return () -> store.ensureBucket()
                .thenReturn(Health.up().build())
                .timeout(TIMEOUT)
                .onErrorResume(e -> Mono.just(Health.down()
                        .withDetail("error", "the object store does not answer: " + reason(e))
                        .build()));
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
                .onErrorResume(e -> Mono.just(Health.down()
                        .withDetail("error", "Kafka does not answer: " + reason(e))
                        .build()));
    }
}
