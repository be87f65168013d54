package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code tuningConfig} of a Kafka supervisor. Null fields take Druid's defaults and are not written.
 *
 * @param type always {@code kafka} (defaulted when null)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaSupervisorTuningConfig(
        String type,
        Integer maxRowsPerSegment,
        Integer maxRowsInMemory,
        Long maxTotalRows,
        String intermediatePersistPeriod,
        Boolean logParseExceptions,
        Integer maxParseExceptions,
        Boolean resetOffsetAutomatically) {

    public static final String TYPE = "kafka";

    public KafkaSupervisorTuningConfig {
        type = type == null ? TYPE : Checks.fixedType(type, TYPE, "kafka tuningConfig");
        Checks.positive(maxRowsPerSegment, "kafka tuningConfig maxRowsPerSegment");
        Checks.positive(maxRowsInMemory, "kafka tuningConfig maxRowsInMemory");
    }
}
