package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The {@code spec} of a Kafka supervisor: the same {@link DataSchema} as batch, with Kafka's I/O and tuning. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaSupervisorIngestionSpec(
        DataSchema dataSchema, KafkaSupervisorIOConfig ioConfig, KafkaSupervisorTuningConfig tuningConfig) {

    public KafkaSupervisorIngestionSpec {
        Checks.require(dataSchema, "spec.dataSchema");
        Checks.require(ioConfig, "spec.ioConfig");
    }
}
