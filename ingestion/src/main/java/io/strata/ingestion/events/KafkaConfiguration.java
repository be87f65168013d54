package io.strata.ingestion.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;

/** Kafka's clients (admin, producer, consumer) and the event ports on them. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    private final String clientId = "strata-" + UUID.randomUUID().toString().substring(0, 8);

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(KafkaSettings kafka) {
        Map<String, Object> properties = common(kafka);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int)
                kafka.requestTimeout().toMillis());
        return Admin.create(properties);
    }

    @Bean
    KafkaTopics kafkaTopics(Admin admin, List<EventTopic> topics, KafkaSettings kafka) {
        return new KafkaTopics(admin, topics, kafka);
    }

    @Bean
    KafkaThreads kafkaThreads() {
        return new KafkaThreads();
    }

    @Bean(destroyMethod = "close")
    KafkaEventPublisher eventPublisher(KafkaSettings kafka, KafkaTopics topics, KafkaThreads threads) {
        int timeoutMs = (int) kafka.requestTimeout().toMillis();
        Map<String, Object> properties = common(kafka);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-producer");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        // Ordered, acknowledged by every in-sync replica, and retried without duplicates inside the producer.
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // Give up quickly while the broker is away: the relay retries the whole batch with backoff.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs * 3);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.putAll(kafka.properties());
        SenderOptions<String, String> options = SenderOptions.<String, String>create(properties)
                .stopOnError(true)
                .maxInFlight(1024);
        return new KafkaEventPublisher(
                KafkaSender.create(options),
                topics,
                threads.scheduler(),
                kafka.requestTimeout().multipliedBy(6));
    }

    /** Connects the producer once the node is ready, so the first event a user's action sends finds it open. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> producerConnect(KafkaEventPublisher publisher) {
        return ready -> publisher
                .connect()
                .subscribe(null, e -> log.info("Kafka's producer will connect on first use: {}", e.getMessage()));
    }

    @Bean
    KafkaEventStream eventStream(KafkaSettings kafka, KafkaTopics topics, EventSettings events, KafkaThreads threads) {
        Map<String, Object> properties = common(kafka);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-consumer");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // No group: this node reads every partition itself and keeps its own position.
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int)
                kafka.requestTimeout().toMillis());
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int)
                kafka.requestTimeout().multipliedBy(2).toMillis());
        properties.putAll(kafka.properties());
        return new KafkaEventStream(
                topics, ReceiverOptions.<String, String>create(properties), events, threads.scheduler());
    }

    /** Threads for producer calls that may wait for the broker, and for (re)creating clients; never an event loop. */
    static final class KafkaThreads implements DisposableBean {

        private final Scheduler scheduler = Schedulers.newBoundedElastic(4, 1024, "strata-kafka");

        Scheduler scheduler() {
            return scheduler;
        }

        @Override
        public void destroy() {
            scheduler.dispose();
        }
    }

    private static Map<String, Object> common(KafkaSettings kafka) {
        if (kafka.bootstrapServers() == null || kafka.bootstrapServers().isBlank()) {
            throw new IllegalStateException("strata.kafka.bootstrap-servers is not set: configure Kafka's bootstrap "
                    + "servers, or let the local stack start Kafka (strata.stack.enabled=true)");
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int)
                kafka.requestTimeout().toMillis());
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5000);
        properties.putAll(kafka.properties());
        return properties;
    }
}
