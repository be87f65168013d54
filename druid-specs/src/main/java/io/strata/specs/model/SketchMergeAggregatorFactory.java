package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;
import java.util.Optional;

/**
 * Druid's {@code thetaSketch} aggregator (datasketches extension): a distinct-count sketch that supports set
 * operations.
 *
 * @param size a power of 2; null for Druid's default 16384
 * @param isInputThetaSketch true when the field already holds sketches; null for false
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SketchMergeAggregatorFactory(String name, String fieldName, Integer size, Boolean isInputThetaSketch)
        implements AggregatorFactory {

    public SketchMergeAggregatorFactory {
        Checks.requireText(name, "thetaSketch aggregator name");
        Checks.requireText(fieldName, "thetaSketch aggregator [" + name + "] fieldName");
        if (size != null && (size <= 0 || Integer.bitCount(size) != 1)) {
            throw InvalidSpecException.of(
                    "thetaSketch aggregator [%s] size must be a power of 2, got [%d]", name, size);
        }
    }

    public static SketchMergeAggregatorFactory of(String name, String fieldName) {
        return new SketchMergeAggregatorFactory(name, fieldName, null, null);
    }

    @Override
    public Optional<String> inputField() {
        return Optional.of(fieldName);
    }
}
