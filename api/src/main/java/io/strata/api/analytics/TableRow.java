package io.strata.api.analytics;

import java.util.List;

/** One row of a table: its dimension values, in the order asked, and its measures. */
public record TableRow(List<DimensionValue> dimensions, List<KpiValue> values) {

    public TableRow {
        dimensions = List.copyOf(dimensions);
        values = List.copyOf(values);
    }

    /** @param value the value as text; null when the row has none */
    public record DimensionValue(String dimension, String value) {}
}
