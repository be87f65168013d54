package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A {@code double} dimension. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DoubleDimensionSchema(String name) implements DimensionSchema {

    public DoubleDimensionSchema {
        Checks.requireText(name, "dimension name");
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "double";
    }
}
