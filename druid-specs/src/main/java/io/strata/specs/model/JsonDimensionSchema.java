package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A {@code json} dimension. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonDimensionSchema(String name) implements DimensionSchema {

    public JsonDimensionSchema {
        Checks.requireText(name, "dimension name");
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "json";
    }
}
