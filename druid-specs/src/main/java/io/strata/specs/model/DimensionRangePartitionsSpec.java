package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;
import java.util.List;

/**
 * Druid's {@code range} partitioning on several single-value string dimensions, most filtered first; lets the
 * Broker prune segments.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DimensionRangePartitionsSpec(
        List<String> partitionDimensions,
        Integer targetRowsPerSegment,
        Integer maxRowsPerSegment,
        Boolean assumeGrouped)
        implements PartitionsSpec {

    public DimensionRangePartitionsSpec {
        partitionDimensions = Checks.copy(
                Checks.require(partitionDimensions, "range partitionsSpec partitionDimensions"),
                "range partitionsSpec partitionDimensions");
        if (partitionDimensions.isEmpty()) {
            throw new InvalidSpecException("range partitionsSpec partitionDimensions must not be empty");
        }
        Checks.requireUnique(partitionDimensions, "range partitionDimensions");
        Checks.positive(targetRowsPerSegment, "range partitionsSpec targetRowsPerSegment");
        Checks.positive(maxRowsPerSegment, "range partitionsSpec maxRowsPerSegment");
        if ((targetRowsPerSegment == null) == (maxRowsPerSegment == null)) {
            throw new InvalidSpecException(
                    "range partitionsSpec needs exactly one of targetRowsPerSegment or maxRowsPerSegment");
        }
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "range";
    }
}
