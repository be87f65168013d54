package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A {@code long} dimension. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LongDimensionSchema(String name) implements DimensionSchema {

    public LongDimensionSchema {
        Checks.requireText(name, "dimension name");
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "long";
    }
}
