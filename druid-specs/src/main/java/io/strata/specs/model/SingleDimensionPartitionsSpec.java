package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;

/** Druid's {@code single_dim} range partitioning on one single-value string dimension. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SingleDimensionPartitionsSpec(
        String partitionDimension, Integer targetRowsPerSegment, Integer maxRowsPerSegment, Boolean assumeGrouped)
        implements PartitionsSpec {

    public SingleDimensionPartitionsSpec {
        Checks.requireText(partitionDimension, "single_dim partitionsSpec partitionDimension");
        Checks.positive(targetRowsPerSegment, "single_dim partitionsSpec targetRowsPerSegment");
        Checks.positive(maxRowsPerSegment, "single_dim partitionsSpec maxRowsPerSegment");
        if ((targetRowsPerSegment == null) == (maxRowsPerSegment == null)) {
            throw new InvalidSpecException(
                    "single_dim partitionsSpec needs exactly one of targetRowsPerSegment or maxRowsPerSegment");
        }
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "single_dim";
    }
}
