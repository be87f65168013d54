package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;
import java.util.List;

/**
 * Druid's {@code hashed} partitioning: rows hashed on {@code partitionDimensions} (all dimensions when null).
 *
 * @param partitionFunction null for Druid's default {@code murmur3_32_abs}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HashedPartitionsSpec(
        Integer numShards, Integer targetRowsPerSegment, List<String> partitionDimensions, String partitionFunction)
        implements PartitionsSpec {

    public HashedPartitionsSpec {
        Checks.positive(numShards, "hashed partitionsSpec numShards");
        Checks.positive(targetRowsPerSegment, "hashed partitionsSpec targetRowsPerSegment");
        if (numShards != null && targetRowsPerSegment != null) {
            throw new InvalidSpecException("hashed partitionsSpec cannot set both numShards and targetRowsPerSegment");
        }
        partitionDimensions = Checks.copy(partitionDimensions, "hashed partitionsSpec partitionDimensions");
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "hashed";
    }
}
