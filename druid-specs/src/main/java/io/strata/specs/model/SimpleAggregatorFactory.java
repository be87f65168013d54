package io.strata.specs.model;

import io.strata.specs.InvalidSpecException;
import java.util.Optional;

/**
 * The numeric sum/min/max aggregators: each reads one input field ({@code fieldName}) or evaluates a Druid
 * {@code expression}, never both.
 */
public sealed interface SimpleAggregatorFactory extends AggregatorFactory
        permits LongSumAggregatorFactory,
                DoubleSumAggregatorFactory,
                LongMinAggregatorFactory,
                LongMaxAggregatorFactory,
                DoubleMinAggregatorFactory,
                DoubleMaxAggregatorFactory {

    String fieldName();

    String expression();

    @Override
    default Optional<String> inputField() {
        return Optional.ofNullable(fieldName());
    }

    static void check(String type, String name, String fieldName, String expression) {
        Checks.requireText(name, type + " aggregator name");
        if ((fieldName == null) == (expression == null)) {
            throw InvalidSpecException.of(
                    "%s aggregator [%s] must have exactly one of fieldName or expression", type, name);
        }
    }
}
