package io.strata.ingestion.events;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every event published to the {@link EventTopic}s, as this node receives them (port; see {@link EventPublisher}).
 * Every node sees every event: no consumer group divides them between nodes. The stream is hot: it starts with
 * the application and a subscriber sees what arrives while it is subscribed. While the broker is unreachable no
 * event arrives; when it is back, reading resumes where it stopped, so nothing published in between is missed.
 */
public interface EventStream {

    /**
     * The events arriving from now on, in the order they were published for each key. Each subscriber has its
     * own bounded buffer: one that falls further behind fails with
     * {@link io.strata.ingestion.StrataException.UpstreamUnavailable} rather than silently miss events.
     */
    Flux<Event> events();

    /**
     * Completes once the stream is positioned on every partition, so that every event published from then on is
     * seen by {@link #events()} subscribers. Stays pending while the broker is unreachable at start.
     */
    Mono<Void> ready();
}
