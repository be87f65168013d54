package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * Druid's {@code dataSchema}: target datasource, primary timestamp, dimensions, metrics, granularity and transforms.
 * Shared by batch tasks and streaming supervisors.
 *
 * <p>Rejects what Druid would reject at submit time: duplicate aggregator names, a metric named like a dimension,
 * and dimensions or metrics named {@code __time}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSchema(
        String dataSource,
        TimestampSpec timestampSpec,
        DimensionsSpec dimensionsSpec,
        List<AggregatorFactory> metricsSpec,
        GranularitySpec granularitySpec,
        TransformSpec transformSpec) {

    public DataSchema {
        Checks.requireText(dataSource, "dataSchema.dataSource");
        if (dataSource.contains("/")
                || dataSource.startsWith(".")
                || dataSource.chars().anyMatch(c -> c < 0x20)) {
            throw InvalidSpecException.of(
                    "dataSchema.dataSource [%s] must not contain '/' or control characters, nor start with '.'",
                    dataSource);
        }
        metricsSpec = Checks.copy(metricsSpec, "dataSchema.metricsSpec");
        List<String> metricNames = new ArrayList<>();
        if (metricsSpec != null) {
            metricsSpec.forEach(m -> metricNames.add(m.name()));
            Checks.requireUnique(metricNames, "aggregators");
        }
        if (dimensionsSpec != null) {
            for (DimensionSchema dimension : dimensionsSpec.dimensionsOrEmpty()) {
                if (metricNames.contains(dimension.name())) {
                    throw InvalidSpecException.of(
                            "[%s] is both a dimension and a metric; output column names must be unique",
                            dimension.name());
                }
                if ("__time".equals(dimension.name())) {
                    throw new InvalidSpecException("dimension [__time] is reserved for the primary timestamp");
                }
            }
        }
        if (metricNames.contains("__time")) {
            throw new InvalidSpecException("metric [__time] is reserved for the primary timestamp");
        }
    }

    public List<AggregatorFactory> metricsOrEmpty() {
        return metricsSpec == null ? List.of() : metricsSpec;
    }

    public GranularitySpec granularitySpecOrDefault() {
        return granularitySpec == null ? new GranularitySpec(null, null, null, null, null) : granularitySpec;
    }

    public TimestampSpec timestampSpecOrDefault() {
        return timestampSpec == null ? new TimestampSpec(null, null, null) : timestampSpec;
    }
}
