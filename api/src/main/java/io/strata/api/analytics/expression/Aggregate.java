package io.strata.api.analytics.expression;

/** How a measure aggregates a column. */
public enum Aggregate {
    COUNT,
    SUM,
    MIN,
    MAX,
    AVG,
    COUNT_DISTINCT,
    APPROX_COUNT_DISTINCT
}
