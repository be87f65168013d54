package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;
import java.util.Map;

/**
 * The {@code ioConfig} of a Kafka supervisor.
 *
 * @param type {@code kafka} or null (Druid's docs omit it)
 * @param topic one topic; exactly one of {@code topic} and {@code topicPattern}
 * @param topicPattern regex over topic names
 * @param consumerProperties Kafka consumer settings; must contain {@code bootstrap.servers}
 * @param useEarliestOffset start from the earliest offsets on first run; null for false (latest)
 * @param taskCount reading tasks per replica set; null for 1
 * @param replicas null for 1
 * @param taskDuration ISO-8601 duration such as {@code PT1H}; null for Druid's default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaSupervisorIOConfig(
        String type,
        String topic,
        String topicPattern,
        Map<String, Object> consumerProperties,
        InputFormat inputFormat,
        Boolean useEarliestOffset,
        Integer taskCount,
        Integer replicas,
        String taskDuration,
        Long pollTimeout) {

    public static final String TYPE = "kafka";

    public KafkaSupervisorIOConfig {
        Checks.fixedType(type, TYPE, "kafka ioConfig");
        if ((topic == null) == (topicPattern == null)) {
            throw new InvalidSpecException("kafka ioConfig needs exactly one of topic or topicPattern");
        }
        consumerProperties = Checks.copy(Checks.require(consumerProperties, "kafka ioConfig consumerProperties"));
        if (!consumerProperties.containsKey("bootstrap.servers")) {
            throw new InvalidSpecException("kafka ioConfig consumerProperties must contain bootstrap.servers");
        }
        Checks.require(inputFormat, "kafka ioConfig inputFormat");
        Checks.positive(taskCount, "kafka ioConfig taskCount");
        Checks.positive(replicas, "kafka ioConfig replicas");
        if (taskDuration != null) {
            try {
                java.time.Duration.parse(taskDuration);
            } catch (java.time.format.DateTimeParseException e) {
                throw InvalidSpecException.of(
                        "kafka ioConfig taskDuration [%s] must be an ISO-8601 duration such as PT1H", taskDuration);
            }
        }
    }
}
