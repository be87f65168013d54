package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Druid's {@code doubleSum} aggregator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DoubleSumAggregatorFactory(String name, String fieldName, String expression)
        implements SimpleAggregatorFactory {

    public DoubleSumAggregatorFactory {
        SimpleAggregatorFactory.check("doubleSum", name, fieldName, expression);
    }

    public static DoubleSumAggregatorFactory of(String name, String fieldName) {
        return new DoubleSumAggregatorFactory(name, fieldName, null);
    }
}
