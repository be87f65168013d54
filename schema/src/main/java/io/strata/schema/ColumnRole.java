package io.strata.schema;

/** How a column is ingested into Druid: the primary timestamp, a dimension to group and filter by, or a metric. */
public enum ColumnRole {
    TIMESTAMP,
    DIMENSION,
    METRIC
}
