package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Optional;

/**
 * One entry of {@code metricsSpec}: an ingestion-time aggregator. The sketch aggregators need Druid's
 * {@code druid-datasketches} extension.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CountAggregatorFactory.class, name = "count"),
    @JsonSubTypes.Type(value = LongSumAggregatorFactory.class, name = "longSum"),
    @JsonSubTypes.Type(value = DoubleSumAggregatorFactory.class, name = "doubleSum"),
    @JsonSubTypes.Type(value = LongMinAggregatorFactory.class, name = "longMin"),
    @JsonSubTypes.Type(value = LongMaxAggregatorFactory.class, name = "longMax"),
    @JsonSubTypes.Type(value = DoubleMinAggregatorFactory.class, name = "doubleMin"),
    @JsonSubTypes.Type(value = DoubleMaxAggregatorFactory.class, name = "doubleMax"),
    @JsonSubTypes.Type(value = HllSketchBuildAggregatorFactory.class, name = "HLLSketchBuild"),
    @JsonSubTypes.Type(value = SketchMergeAggregatorFactory.class, name = "thetaSketch")
})
public sealed interface AggregatorFactory
        permits CountAggregatorFactory,
                SimpleAggregatorFactory,
                HllSketchBuildAggregatorFactory,
                SketchMergeAggregatorFactory {

    /** Output column name. */
    String name();

    /** The input field read, or empty for {@code count} and for expression-based aggregators. */
    Optional<String> inputField();
}
