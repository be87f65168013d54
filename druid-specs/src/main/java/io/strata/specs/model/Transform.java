package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One entry of {@code transformSpec.transforms}; Druid has one built-in kind, the expression transform. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = ExpressionTransform.class, name = "expression")})
public sealed interface Transform permits ExpressionTransform {

    /** Output field; may shadow an input field of the same name (or {@code __time}). */
    String name();
}
