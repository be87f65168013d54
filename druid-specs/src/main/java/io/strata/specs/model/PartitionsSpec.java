package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Secondary partitioning inside each time chunk ({@code tuningConfig.partitionsSpec}). Only {@code dynamic} works with
 * best-effort rollup and appends; {@code forceGuaranteedRollup} needs one of the others. (Druid's own example
 * spec uses {@code single_dim} without {@code forceGuaranteedRollup}, so that combination is not rejected here;
 * the generator always pairs them.)
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DynamicPartitionsSpec.class, name = "dynamic"),
    @JsonSubTypes.Type(value = HashedPartitionsSpec.class, name = "hashed"),
    @JsonSubTypes.Type(value = SingleDimensionPartitionsSpec.class, name = "single_dim"),
    @JsonSubTypes.Type(value = DimensionRangePartitionsSpec.class, name = "range")
})
public sealed interface PartitionsSpec
        permits DynamicPartitionsSpec,
                HashedPartitionsSpec,
                SingleDimensionPartitionsSpec,
                DimensionRangePartitionsSpec {

    /** Druid's {@code type} name of this spec. */
    String typeName();

    /** Whether this spec partitions by value, which is what {@code forceGuaranteedRollup: true} needs. */
    default boolean needsGuaranteedRollup() {
        return true;
    }
}
