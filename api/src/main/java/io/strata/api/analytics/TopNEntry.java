package io.strata.api.analytics;

/**
 * One value of the ranked dimension.
 *
 * @param dimensionValue the dimension's value (null for rows without one)
 * @param measure the measure's label
 */
public record TopNEntry(String dimensionValue, String measure, Double value) {}
