package io.strata.schema;

import java.util.List;

/**
 * What one pass over a column found.
 *
 * @param nulls values that are missing or a null token
 * @param invalid non-null values that do not parse as the column's type
 * @param invalidSamples the first few invalid values, with their rows
 * @param min smallest valid value rendered as text (ISO-8601 UTC for timestamps), null when there is none
 * @param max largest valid value, likewise
 * @param approxDistinct approximate number of distinct non-null values (HyperLogLog, ~2% error)
 * @param topValues most frequent values, most frequent first; empty for metrics and timestamps
 */
public record ColumnProfile(
        long nulls,
        long invalid,
        List<InvalidValue> invalidSamples,
        String min,
        String max,
        long approxDistinct,
        List<ValueCount> topValues) {
    public ColumnProfile {
        invalidSamples = List.copyOf(invalidSamples);
        topValues = List.copyOf(topValues);
    }

    /** A profile of a column that has not been read. */
    public static ColumnProfile empty() {
        return new ColumnProfile(0, 0, List.of(), null, null, 0, List.of());
    }
}
