package io.strata.schema;

/**
 * Assigns a role, with its reason, once every row has been profiled: the primary timestamp; text, booleans and
 * other timestamps are dimensions; integers are dimensions when they are ids, codes, years or have few distinct
 * values (unless named like an amount: quantity, units, count…), else metrics; decimals are metrics unless they are latitudes or longitudes.
 */
final class RoleRules {
    /** Integer columns with at most this many distinct values are categories, not measures. */
    static final long LOW_CARDINALITY = 12;

    private RoleRules() {}

    record Role(ColumnRole role, String reason) {}

    static Role assign(ColumnValidator v, boolean primaryTimestamp, long rows) {
        ColumnPlan plan = v.plan();
        NameHints hints = new NameHints(plan.name());
        switch (plan.type()) {
            case TIMESTAMP -> {
                return primaryTimestamp
                        ? new Role(ColumnRole.TIMESTAMP, "the primary timestamp")
                        : new Role(ColumnRole.DIMENSION, "a secondary timestamp: kept as a dimension");
            }
            case STRING -> {
                return new Role(ColumnRole.DIMENSION, plan.multiValue() ? "multi-value text" : "text");
            }
            case BOOLEAN -> {
                return new Role(ColumnRole.DIMENSION, "a flag");
            }
            case LONG -> {
                if (hints.id()) {
                    return new Role(ColumnRole.DIMENSION, "integers named like an id or code");
                }
                if (v.valid() > 0 && (hints.year() || (v.minLong() >= 1900 && v.maxLong() <= 2100 && hints.time()))) {
                    return new Role(ColumnRole.DIMENSION, "years");
                }
                long distinct = v.approxDistinct();
                if (hints.measure()) {
                    return new Role(ColumnRole.METRIC, "integers named like an amount: a measure");
                }
                if (v.valid() >= 20 && distinct <= LOW_CARDINALITY) {
                    return new Role(
                            ColumnRole.DIMENSION,
                            "only " + distinct + " distinct integers in " + v.valid() + " values: a category");
                }
                return new Role(ColumnRole.METRIC, "integers: a measure");
            }
            case DOUBLE -> {
                if (hints.latitude() && v.valid() > 0 && v.minDouble() >= -90 && v.maxDouble() <= 90) {
                    return new Role(ColumnRole.DIMENSION, "a latitude (within ±90): a coordinate, not a measure");
                }
                if (hints.longitude() && v.valid() > 0 && v.minDouble() >= -180 && v.maxDouble() <= 180) {
                    return new Role(ColumnRole.DIMENSION, "a longitude (within ±180): a coordinate, not a measure");
                }
                return new Role(ColumnRole.METRIC, "numbers with decimals: a measure");
            }
        }
        throw new IllegalStateException(plan.type().name());
    }
}
