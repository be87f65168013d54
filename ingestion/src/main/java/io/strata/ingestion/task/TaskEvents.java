package io.strata.ingestion.task;

import io.strata.ingestion.events.Event;
import io.strata.ingestion.events.EventStream;
import io.strata.ingestion.events.EventTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The {@link IngestionTaskTransitioned} events this node receives, decoded; and the declaration of their topic. */
@Configuration(proxyBeanMethods = false)
class TaskEvents {

    private static final Logger log = LoggerFactory.getLogger(TaskEvents.class);

    private final EventStream stream;
    private final JsonMapper json;

    TaskEvents(EventStream stream, JsonMapper json) {
        this.stream = stream;
        this.json = json;
    }

    @Bean
    static EventTopic ingestionTasksTopic() {
        return new EventTopic(IngestionTaskTransitioned.TOPIC);
    }

    /** Transitions from now on (hot), in order per task, possibly with copies of earlier ones. */
    Flux<IngestionTaskTransitioned> transitions() {
        return stream.events()
                .filter(event -> IngestionTaskTransitioned.TOPIC.equals(event.topic())
                        && IngestionTaskTransitioned.TYPE.equals(event.type()))
                .concatMap(this::decode);
    }

    Mono<Void> ready() {
        return stream.ready();
    }

    private Mono<IngestionTaskTransitioned> decode(Event event) {
        try {
            return Mono.just(json.readValue(event.payload(), IngestionTaskTransitioned.class));
        } catch (JacksonException e) {
            log.warn("Ignoring an undecodable {} event of task {}: {}", event.type(), event.key(), e.getMessage());
            return Mono.empty();
        }
    }
}
