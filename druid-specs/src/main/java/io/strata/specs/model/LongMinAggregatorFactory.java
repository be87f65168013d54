package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Druid's {@code longMin} aggregator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LongMinAggregatorFactory(String name, String fieldName, String expression)
        implements SimpleAggregatorFactory {

    public LongMinAggregatorFactory {
        SimpleAggregatorFactory.check("longMin", name, fieldName, expression);
    }

    public static LongMinAggregatorFactory of(String name, String fieldName) {
        return new LongMinAggregatorFactory(name, fieldName, null);
    }
}
