package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Druid's {@code inline} input source: the data itself, in the spec (small samples and tests only). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InlineInputSource(String data) implements InputSource {

    public InlineInputSource {
        Checks.require(data, "inline inputSource data");
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "inline";
    }
}
