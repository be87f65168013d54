package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;

/** Druid's {@code count} aggregator: the number of input rows folded into each stored row. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CountAggregatorFactory(String name) implements AggregatorFactory {

    public CountAggregatorFactory {
        Checks.requireText(name, "count aggregator name");
    }

    @Override
    public Optional<String> inputField() {
        return Optional.empty();
    }
}
