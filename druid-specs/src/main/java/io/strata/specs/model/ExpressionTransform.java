package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A field computed by a Druid expression, e.g. {@code upper(country)}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpressionTransform(String name, String expression) implements Transform {

    public ExpressionTransform {
        Checks.requireText(name, "transform name");
        Checks.requireText(expression, "transform [" + name + "] expression");
    }
}
