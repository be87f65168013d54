package io.strata.ingestion.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import reactor.core.publisher.Mono;

/**
 * Creates the declared topics when they are missing and tells their partitions. The first success is kept; a
 * failure (Kafka unreachable) is not, so the next caller tries again.
 */
final class KafkaTopics {

    private final Admin admin;
    private final List<String> names;
    private final Mono<List<TopicPartition>> partitions;

    KafkaTopics(Admin admin, List<EventTopic> topics, KafkaSettings settings) {
        this.admin = admin;
        this.names = topics.stream().map(EventTopic::name).distinct().toList();
        int timeoutMs = (int) settings.requestTimeout().toMillis();
        this.partitions = Mono.defer(() -> create(settings, timeoutMs).then(describe()))
                .cache(found -> Duration.ofMillis(Long.MAX_VALUE), failed -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** The partitions of every declared topic, once each exists. */
    Mono<List<TopicPartition>> ensure() {
        return partitions;
    }

    private Mono<Void> create(KafkaSettings settings, int timeoutMs) {
        List<NewTopic> topics = names.stream()
                .map(name -> new NewTopic(name, settings.partitions(), settings.replicationFactor()))
                .toList();
        return future(admin.createTopics(topics, new CreateTopicsOptions().timeoutMs(timeoutMs))
                        .all())
                .onErrorResume(TopicExistsException.class, exists -> Mono.empty())
                .then();
    }

    private Mono<List<TopicPartition>> describe() {
        return future(admin.describeTopics(names).allTopicNames()).map(KafkaTopics::partitionsOf);
    }

    private static List<TopicPartition> partitionsOf(Map<String, TopicDescription> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        topics.forEach((name, description) -> description
                .partitions()
                .forEach(partition -> partitions.add(new TopicPartition(name, partition.partition()))));
        return List.copyOf(partitions);
    }

    private static <T> Mono<T> future(KafkaFuture<T> future) {
        return Mono.fromCompletionStage(future.toCompletionStage())
                .onErrorMap(
                        e -> e instanceof CompletionException || e instanceof ExecutionException, Throwable::getCause);
    }
}
