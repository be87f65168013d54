package io.strata.ingestion.events;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Publishes events to the message broker (port; Kafka through reactor-kafka is the adapter, and a replacement
 * implements only this and {@link EventStream}).
 *
 * <p>Delivery is at least once: a failed call may have published some of its events, and the caller publishes
 * them all again. Readers drop the copies (ingestion events carry a sequence number for that).
 *
 * <p>Threading: may be called from any thread, an event loop included; it never blocks the caller.
 */
public interface EventPublisher {

    /**
     * Publishes {@code events} in list order, so that events with the same key are read in that order.
     *
     * @return completes when the broker acknowledged every event; fails with
     *     {@link io.strata.ingestion.StrataException.UpstreamUnavailable} or
     *     {@link io.strata.ingestion.StrataException.UpstreamTimeout} when it did not
     */
    Mono<Void> publish(List<Event> events);
}
