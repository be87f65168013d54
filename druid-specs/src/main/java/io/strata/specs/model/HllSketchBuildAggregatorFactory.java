package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;
import java.util.Optional;

/**
 * Druid's {@code HLLSketchBuild} aggregator (datasketches extension): a distinct-count sketch of a field.
 *
 * @param lgK log2 of the sketch size, 4..21; null for Druid's default 12
 * @param tgtHllType {@code HLL_4}, {@code HLL_6} or {@code HLL_8}; null for {@code HLL_4}
 * @param round round the estimate at query time; null for false
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HllSketchBuildAggregatorFactory(
        String name, String fieldName, Integer lgK, String tgtHllType, Boolean round) implements AggregatorFactory {

    public HllSketchBuildAggregatorFactory {
        Checks.requireText(name, "HLLSketchBuild aggregator name");
        Checks.requireText(fieldName, "HLLSketchBuild aggregator [" + name + "] fieldName");
        if (lgK != null && (lgK < 4 || lgK > 21)) {
            throw InvalidSpecException.of("HLLSketchBuild aggregator [%s] lgK must be 4..21, got [%d]", name, lgK);
        }
        if (tgtHllType != null && !tgtHllType.matches("HLL_[468]")) {
            throw InvalidSpecException.of(
                    "HLLSketchBuild aggregator [%s] tgtHllType must be HLL_4, HLL_6 or HLL_8, got [%s]",
                    name, tgtHllType);
        }
    }

    public static HllSketchBuildAggregatorFactory of(String name, String fieldName) {
        return new HllSketchBuildAggregatorFactory(name, fieldName, null, null, null);
    }

    @Override
    public Optional<String> inputField() {
        return Optional.of(fieldName);
    }
}
