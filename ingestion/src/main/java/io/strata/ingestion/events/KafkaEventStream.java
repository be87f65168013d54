package io.strata.ingestion.events;

import io.strata.ingestion.StrataException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverPartition;
import reactor.kafka.receiver.ReceiverRecord;
import reactor.util.retry.Retry;

/**
 * {@link EventStream} on reactor-kafka's receiver. Every partition of every declared topic is assigned to this
 * node (no consumer group, nothing committed): the node starts at the end of each partition and keeps its own
 * position, so when the receiver has to be recreated it resumes at the next unread offset instead of the end.
 */
final class KafkaEventStream implements EventStream, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventStream.class);

    private final KafkaTopics topics;
    private final Function<List<TopicPartition>, ReceiverOptions<String, String>> options;
    private final EventSettings settings;
    private final Scheduler scheduler;
    /** Replaced at every stop, so that subscribers arriving after a restart are not handed a completed sink. */
    private volatile Sinks.Many<Event> events = Sinks.many().multicast().directBestEffort();

    private final Sinks.Empty<Void> ready = Sinks.empty();
    private final Map<TopicPartition, Long> nextOffsets = new ConcurrentHashMap<>();
    private volatile Disposable running;

    /** @param options the receiver's options without assignment; the stream adds the assignment and positions */
    KafkaEventStream(
            KafkaTopics topics, ReceiverOptions<String, String> options, EventSettings settings, Scheduler scheduler) {
        this.topics = topics;
        this.options = partitions -> options.assignment(partitions).addAssignListener(this::position);
        this.settings = settings;
        this.scheduler = scheduler;
    }

    @Override
    public Flux<Event> events() {
        int buffer = settings.subscriberBuffer();
        return Flux.defer(() -> events.asFlux())
                .onBackpressureBuffer(buffer, dropped -> {}, BufferOverflowStrategy.ERROR)
                .onErrorMap(
                        Exceptions::isOverflow,
                        e -> new StrataException.UpstreamUnavailable(
                                "the subscriber fell more than " + buffer + " events behind", e));
    }

    @Override
    public Mono<Void> ready() {
        return ready.asMono();
    }

    /**
     * Starts reading. Restartable: after {@link #stop()} it resumes at the next unread offset of each partition, so
     * subscribers from then on miss nothing published meanwhile.
     */
    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        running = topics.ensure()
                .flatMapMany(partitions ->
                        KafkaReceiver.create(options.apply(partitions)).receive())
                .subscribeOn(scheduler)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, settings.minBackoff())
                        .maxBackoff(settings.maxBackoff())
                        .transientErrors(true)
                        .scheduler(scheduler)
                        .doBeforeRetry(signal -> log.warn(
                                "Reading events from Kafka failed ({} in a row), retrying: {}",
                                signal.totalRetriesInARow() + 1,
                                signal.failure().toString())))
                .subscribe(this::dispatch, e -> log.error("Reading events from Kafka stopped", e));
    }

    /** Runs on the consumer's thread, where blocking for the broker is allowed. */
    private void position(Collection<ReceiverPartition> partitions) {
        for (ReceiverPartition partition : partitions) {
            Long next = nextOffsets.get(partition.topicPartition());
            if (next != null) {
                partition.seek(next);
            } else {
                partition.seekToEnd();
                nextOffsets.put(partition.topicPartition(), partition.position());
            }
        }
        log.info("Reading events from {} partitions at {}", partitions.size(), nextOffsets);
        ready.tryEmitEmpty();
    }

    private void dispatch(ReceiverRecord<String, String> record) {
        nextOffsets.put(record.receiverOffset().topicPartition(), record.offset() + 1);
        Header type = record.headers().lastHeader(KafkaEventPublisher.TYPE_HEADER);
        if (record.key() == null || record.value() == null || type == null) {
            log.warn("Ignoring a record without key, value or event type at {}", record.receiverOffset());
            return;
        }
        events.tryEmitNext(new Event(
                record.topic(), record.key(), new String(type.value(), StandardCharsets.UTF_8), record.value()));
    }

    /** Stops reading and completes the current subscribers' streams (a node that stops ends its subscriptions). */
    @Override
    public synchronized void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        Sinks.Many<Event> stopped = events;
        events = Sinks.many().multicast().directBestEffort();
        stopped.tryEmitComplete();
    }

    @Override
    public boolean isRunning() {
        Disposable current = running;
        return current != null && !current.isDisposed();
    }
}
