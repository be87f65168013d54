package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Druid's {@code dynamic} partitioning: segments cut by row count, single pass, best-effort rollup.
 *
 * @param maxRowsPerSegment null for Druid's default 5,000,000
 * @param maxTotalRows null for Druid's default 20,000,000
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DynamicPartitionsSpec(Integer maxRowsPerSegment, Long maxTotalRows) implements PartitionsSpec {

    public DynamicPartitionsSpec {
        Checks.positive(maxRowsPerSegment, "dynamic partitionsSpec maxRowsPerSegment");
        Checks.positive(maxTotalRows, "dynamic partitionsSpec maxTotalRows");
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "dynamic";
    }

    @Override
    public boolean needsGuaranteedRollup() {
        return false;
    }
}
