package io.strata.ingestion.events;

import java.util.Objects;

/**
 * One event as it travels through the outbox and the broker; the transport does not look inside the payload.
 *
 * @param topic where it is published
 * @param key what orders it: events with the same key are read in the order they were published
 * @param type the payload's type (e.g. {@code IngestionTaskTransitioned}), for readers that share a topic
 * @param payload the event as JSON
 */
public record Event(String topic, String key, String type, String payload) {

    public Event {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }
}
