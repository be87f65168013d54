package io.strata.ingestion.events;

import java.util.Objects;

/**
 * A topic Strata publishes to and reads from. Declare one as a bean: the topic is created at start when missing,
 * and this node's {@link EventStream} reads it.
 */
public record EventTopic(String name) {

    public EventTopic {
        Objects.requireNonNull(name, "name");
    }
}
