package io.strata.specs.generate;

import io.strata.schema.ColumnSchema;
import java.util.List;

/**
 * Which column plays which part in the spec, after options and detection are reconciled.
 *
 * @param timestamp the primary timestamp column, or null when rows get the constant {@code missingValue}
 * @param timestampFormat its Druid format, null when {@code timestamp} is null
 * @param dimensions in storage order (low cardinality first)
 * @param metrics summed metrics
 * @param sketches columns stored as HLL sketches only
 */
record ColumnPlan(
        ColumnSchema timestamp,
        String timestampFormat,
        List<ColumnSchema> dimensions,
        List<ColumnSchema> metrics,
        List<ColumnSchema> sketches) {

    ColumnPlan {
        dimensions = List.copyOf(dimensions);
        metrics = List.copyOf(metrics);
        sketches = List.copyOf(sketches);
    }
}
