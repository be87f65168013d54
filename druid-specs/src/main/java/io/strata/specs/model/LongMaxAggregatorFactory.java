package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Druid's {@code longMax} aggregator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LongMaxAggregatorFactory(String name, String fieldName, String expression)
        implements SimpleAggregatorFactory {

    public LongMaxAggregatorFactory {
        SimpleAggregatorFactory.check("longMax", name, fieldName, expression);
    }

    public static LongMaxAggregatorFactory of(String name, String fieldName) {
        return new LongMaxAggregatorFactory(name, fieldName, null);
    }
}
