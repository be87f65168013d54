package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A {@code float} dimension. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FloatDimensionSchema(String name) implements DimensionSchema {

    public FloatDimensionSchema {
        Checks.requireText(name, "dimension name");
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "float";
    }
}
