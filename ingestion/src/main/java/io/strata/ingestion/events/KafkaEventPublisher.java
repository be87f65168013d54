package io.strata.ingestion.events;

import io.strata.ingestion.StrataException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/**
 * {@link EventPublisher} on reactor-kafka's sender. The Kafka producer may block (waiting for metadata while the
 * broker is away), and reactor-kafka calls it on the thread that emits the records, so records are emitted on a
 * scheduler of our own, never on the caller's (often an event loop).
 */
final class KafkaEventPublisher implements EventPublisher, AutoCloseable {

    static final String TYPE_HEADER = "event-type";

    private final KafkaSender<String, String> sender;
    private final KafkaTopics topics;
    private final Scheduler scheduler;
    private final Duration timeout;

    KafkaEventPublisher(KafkaSender<String, String> sender, KafkaTopics topics, Scheduler scheduler, Duration timeout) {
        this.sender = sender;
        this.topics = topics;
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    @Override
    public Mono<Void> publish(List<Event> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        List<Event> batch = List.copyOf(events);
        Flux<SenderRecord<String, String, Long>> records =
                Flux.fromIterable(batch).map(KafkaEventPublisher::record).publishOn(scheduler);
        return topics.ensure()
                .thenMany(Flux.defer(() -> sender.send(records)).subscribeOn(scheduler))
                .handle((result, sink) -> {
                    if (result.exception() != null) {
                        sink.error(result.exception());
                    }
                })
                .then()
                .timeout(timeout)
                .onErrorMap(e -> !(e instanceof StrataException), this::translate);
    }

    /**
     * Opens the producer and reads the topics' partitions, which a first {@link #publish} would otherwise do while a
     * user waits (with the class loading and JIT of a fresh producer, about a quarter of a second on two cores).
     */
    Mono<Void> connect() {
        return topics.ensure()
                .flatMap(partitions -> partitions.isEmpty()
                        ? Mono.empty()
                        : sender.doOnProducer(producer ->
                                producer.partitionsFor(partitions.get(0).topic())))
                .subscribeOn(scheduler)
                .timeout(timeout)
                .then();
    }

    private static SenderRecord<String, String, Long> record(Event event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
        record.headers().add(new RecordHeader(TYPE_HEADER, event.type().getBytes(StandardCharsets.UTF_8)));
        return SenderRecord.create(record, null);
    }

    private StrataException translate(Throwable e) {
        if (e instanceof TimeoutException) {
            return new StrataException.UpstreamTimeout("Kafka did not acknowledge events within " + timeout, e);
        }
        if (e instanceof org.apache.kafka.common.errors.TimeoutException) {
            return new StrataException.UpstreamTimeout("Kafka did not answer in time: " + e.getMessage(), e);
        }
        return new StrataException.UpstreamUnavailable("Kafka is unavailable: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        sender.close();
    }
}
