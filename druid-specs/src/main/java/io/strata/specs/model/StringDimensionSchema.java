package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A {@code string} dimension, possibly multi-value.
 *
 * @param multiValueHandling how arrays are stored; null for Druid's default {@code sorted_array}
 * @param createBitmapIndex null for Druid's default {@code true}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StringDimensionSchema(String name, MultiValueHandling multiValueHandling, Boolean createBitmapIndex)
        implements DimensionSchema {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public StringDimensionSchema {
        Checks.requireText(name, "dimension name");
    }

    /** Druid's shorthand: a bare string in the dimensions list. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static StringDimensionSchema of(String name) {
        return new StringDimensionSchema(name, null, null);
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "string";
    }

    /** True when nothing but the name is set, so Druid's bare-string shorthand says it all. */
    @JsonIgnore
    public boolean isPlain() {
        return multiValueHandling == null && createBitmapIndex == null;
    }
}
