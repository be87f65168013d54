package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One entry of {@code dimensionsSpec.dimensions}. Druid reads a bare JSON string as a {@code string} dimension and an
 * object without {@code type} as one too; a plain string dimension is written back as a bare string.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = StringDimensionSchema.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = StringDimensionSchema.class, name = "string"),
    @JsonSubTypes.Type(value = LongDimensionSchema.class, name = "long"),
    @JsonSubTypes.Type(value = DoubleDimensionSchema.class, name = "double"),
    @JsonSubTypes.Type(value = FloatDimensionSchema.class, name = "float"),
    @JsonSubTypes.Type(value = JsonDimensionSchema.class, name = "json"),
    @JsonSubTypes.Type(value = AutoDimensionSchema.class, name = "auto")
})
@JsonSerialize(using = DimensionSchemaSerializer.class)
public sealed interface DimensionSchema
        permits StringDimensionSchema,
                LongDimensionSchema,
                DoubleDimensionSchema,
                FloatDimensionSchema,
                JsonDimensionSchema,
                AutoDimensionSchema {

    /** Column name, read from the input row and stored in the segment. */
    String name();

    /** Druid's {@code type} name of this dimension. */
    String typeName();
}
