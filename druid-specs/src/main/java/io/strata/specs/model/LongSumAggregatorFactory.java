package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Druid's {@code longSum} aggregator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LongSumAggregatorFactory(String name, String fieldName, String expression)
        implements SimpleAggregatorFactory {

    public LongSumAggregatorFactory {
        SimpleAggregatorFactory.check("longSum", name, fieldName, expression);
    }

    public static LongSumAggregatorFactory of(String name, String fieldName) {
        return new LongSumAggregatorFactory(name, fieldName, null);
    }
}
