package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A Kafka streaming supervisor ({@code type: kafka}), as POSTed to {@code /druid/indexer/v1/supervisor}.
 *
 * @param type always {@code kafka} (defaulted when null)
 * @param suspended create the supervisor suspended; null for false
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaSupervisorSpec(String type, KafkaSupervisorIngestionSpec spec, Boolean suspended) {

    public static final String TYPE = "kafka";

    public KafkaSupervisorSpec {
        type = type == null ? TYPE : Checks.fixedType(type, TYPE, "supervisor");
        Checks.require(spec, "supervisor spec");
    }

    public static KafkaSupervisorSpec of(KafkaSupervisorIngestionSpec spec) {
        return new KafkaSupervisorSpec(TYPE, spec, null);
    }
}
