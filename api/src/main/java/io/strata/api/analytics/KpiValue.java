package io.strata.api.analytics;

/**
 * One measure's value.
 *
 * @param previous the value over the period of the same length just before the interval, when asked
 * @param change {@code (value - previous) / |previous|}, null when previous is null or 0
 */
public record KpiValue(String measure, Double value, Double previous, Double change) {

    static KpiValue compared(String measure, Double value, Double previous) {
        Double change =
                value != null && previous != null && previous != 0 ? (value - previous) / Math.abs(previous) : null;
        return new KpiValue(measure, value, previous, change);
    }
}
