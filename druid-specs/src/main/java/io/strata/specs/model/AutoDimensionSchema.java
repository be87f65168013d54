package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A {@code auto} dimension. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutoDimensionSchema(String name) implements DimensionSchema {

    public AutoDimensionSchema {
        Checks.requireText(name, "dimension name");
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "auto";
    }
}
