package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Druid's {@code doubleMax} aggregator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DoubleMaxAggregatorFactory(String name, String fieldName, String expression)
        implements SimpleAggregatorFactory {

    public DoubleMaxAggregatorFactory {
        SimpleAggregatorFactory.check("doubleMax", name, fieldName, expression);
    }

    public static DoubleMaxAggregatorFactory of(String name, String fieldName) {
        return new DoubleMaxAggregatorFactory(name, fieldName, null);
    }
}
