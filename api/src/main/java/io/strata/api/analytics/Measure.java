package io.strata.api.analytics;

import io.strata.api.analytics.expression.Aggregate;

/**
 * What the client asked to measure: a named measure, or an aggregate of a column (COUNT needs none).
 *
 * @param name a named measure, or null
 * @param column the aggregated column, or null for COUNT
 * @param aggregate the aggregate, or null with a name
 */
public record Measure(String name, String column, Aggregate aggregate) {

    /** The label the result carries: the name, or e.g. {@code SUM(sales)}, {@code COUNT}. */
    public String label() {
        if (name != null) {
            return name;
        }
        return column == null ? String.valueOf(aggregate) : aggregate + "(" + column + ")";
    }
}
