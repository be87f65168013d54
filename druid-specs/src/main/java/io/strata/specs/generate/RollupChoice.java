package io.strata.specs.generate;

import io.strata.schema.DetectionResult;
import io.strata.specs.model.Granularity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Rollup on or off, and the query granularity, decided from a rollup-ratio estimate. */
record RollupChoice(boolean rollup, Granularity queryGranularity) {

    static RollupChoice decide(
            DetectionResult detection,
            ColumnPlan plan,
            List<Instant> times,
            Instant min,
            Instant max,
            SpecOptions options,
            List<Decision> decisions) {
        Granularity.Standard resolution =
                plan.timestamp() == null ? Granularity.Standard.NONE : RollupEstimator.resolution(times);
        Granularity.Standard candidate =
                options.queryGranularity() != null ? options.queryGranularity().standard() : resolution;
        double ratio = ratio(detection, plan, candidate, min, max);
        boolean rollup = options.rollup() != null ? options.rollup() : ratio <= options.rollupThreshold();
        String estimate = String.format(
                "estimated rows kept after rollup at %s: %.0f%% (sample of %d rows and distinct counts over %,d"
                        + " rows)",
                candidate,
                ratio * 100,
                detection.sample().size(),
                detection.report().rows());
        String rollupReason = options.rollup() != null
                ? "forced by option; " + estimate
                : rollup
                        ? estimate + ", at most " + Math.round(options.rollupThreshold() * 100)
                                + "%, so rollup stores fewer rows and the count metric keeps how many were merged"
                        : estimate + ", above " + Math.round(options.rollupThreshold() * 100)
                                + "%: rows are nearly unique, rollup would save little"
                                + hints(detection, plan, candidate, min, max);
        decisions.add(new Decision("rollup", String.valueOf(rollup), rollupReason));

        Granularity query;
        String queryReason;
        if (options.queryGranularity() != null) {
            query = options.queryGranularity();
            queryReason = "forced by option";
        } else if (plan.timestamp() == null) {
            query = Granularity.NONE;
            queryReason = "every row has the same constant timestamp";
        } else if (rollup) {
            query = Granularity.of(resolution);
            queryReason = resolution == Granularity.Standard.NONE
                    ? "the timestamps carry milliseconds, so truncating would lose time detail"
                    : "every sampled timestamp is a whole " + resolution.name().toLowerCase(java.util.Locale.ROOT)
                            + ", so truncating to it loses nothing";
        } else {
            query = Granularity.NONE;
            queryReason = "without rollup, truncating timestamps only loses detail";
        }
        decisions.add(new Decision("queryGranularity", query.name(), queryReason));
        return new RollupChoice(rollup, query);
    }

    private static double ratio(
            DetectionResult detection, ColumnPlan plan, Granularity.Standard g, Instant min, Instant max) {
        double sample = RollupEstimator.sampleRatio(detection.sample(), plan.timestamp(), g, plan.dimensions());
        long buckets = plan.timestamp() == null || min == null ? 1 : TimeBuckets.count(min, max, g);
        double bound = RollupEstimator.cardinalityBound(detection.report().rows(), buckets, plan.dimensions());
        return Math.min(sample, bound);
    }

    /** What coarser query granularities would give, for people weighing time detail against size. */
    private static String hints(
            DetectionResult detection, ColumnPlan plan, Granularity.Standard from, Instant min, Instant max) {
        if (plan.timestamp() == null) {
            return "";
        }
        List<String> hints = new ArrayList<>();
        for (Granularity.Standard g :
                List.of(Granularity.Standard.MINUTE, Granularity.Standard.HOUR, Granularity.Standard.DAY)) {
            if (g.approximateLength().compareTo(from.approximateLength()) > 0) {
                hints.add(String.format("%s %.0f%%", g, ratio(detection, plan, g, min, max) * 100));
            }
        }
        return hints.isEmpty() ? "" : " (coarser query granularity would keep: " + String.join(", ", hints) + ")";
    }
}
