package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Druid's {@code doubleMin} aggregator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DoubleMinAggregatorFactory(String name, String fieldName, String expression)
        implements SimpleAggregatorFactory {

    public DoubleMinAggregatorFactory {
        SimpleAggregatorFactory.check("doubleMin", name, fieldName, expression);
    }

    public static DoubleMinAggregatorFactory of(String name, String fieldName) {
        return new DoubleMinAggregatorFactory(name, fieldName, null);
    }
}
