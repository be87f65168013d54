package io.strata.specs.generate;

import io.strata.schema.ColumnSchema;
import io.strata.schema.ColumnType;
import io.strata.specs.InvalidSpecException;
import io.strata.specs.model.DimensionRangePartitionsSpec;
import io.strata.specs.model.DynamicPartitionsSpec;
import io.strata.specs.model.Granularity;
import io.strata.specs.model.HashedPartitionsSpec;
import io.strata.specs.model.PartitionsSpec;
import java.time.Instant;
import java.util.List;

/** Time chunking, intervals and secondary partitioning, sized from the row count and the time span. */
final class SegmentPlanner {

    /** Candidate segment granularities, coarsest first; WEEK is avoided as Druid's docs advise. */
    private static final List<Granularity.Standard> SEGMENT_CANDIDATES = List.of(
            Granularity.Standard.YEAR, Granularity.Standard.MONTH, Granularity.Standard.DAY, Granularity.Standard.HOUR);

    private SegmentPlanner() {}

    /**
     * The coarsest granularity whose average time chunk holds at most {@code target} rows (but never finer than
     * the query granularity), so that each chunk needs few segments of a few million rows.
     */
    static Granularity segmentGranularity(
            Instant min,
            Instant max,
            long rows,
            Granularity queryGranularity,
            SpecOptions options,
            List<Decision> decisions) {
        if (options.segmentGranularity() != null) {
            decisions.add(new Decision(
                    "segmentGranularity", options.segmentGranularity().name(), "forced by option"));
            return options.segmentGranularity();
        }
        if (min == null) {
            decisions.add(new Decision(
                    "segmentGranularity",
                    "DAY",
                    "no time span to size from (every row gets the constant missingValue timestamp, or no valid"
                            + " timestamp was seen), so there is one time chunk whatever the granularity"));
            return Granularity.DAY;
        }
        Granularity.Standard chosen = Granularity.Standard.HOUR;
        double perChunk = rows;
        for (Granularity.Standard g : SEGMENT_CANDIDATES) {
            long chunks = TimeBuckets.count(min, max, g);
            perChunk = (double) rows / chunks;
            if (perChunk <= options.targetRowsPerSegment()) {
                chosen = g;
                break;
            }
        }
        Granularity.Standard query = queryGranularity.standard();
        if (query.approximateLength().compareTo(chosen.approximateLength()) > 0) {
            chosen = query;
        }
        decisions.add(new Decision(
                "segmentGranularity",
                chosen.name(),
                String.format(
                        "%,d rows from %s to %s: the coarsest time chunk holding at most %,d rows on average"
                                + " (about %,.0f rows per %s chunk)",
                        rows, min, max, options.targetRowsPerSegment(), perChunk, chosen.name())));
        return Granularity.of(chosen);
    }

    /** One interval from the start of the first chunk to the end of the last. */
    static List<String> intervals(Instant min, Instant max, Granularity segmentGranularity) {
        Granularity.Standard g = segmentGranularity.standard();
        return List.of(TimeBuckets.floor(min, g) + "/" + TimeBuckets.next(max, g));
    }

    /**
     * Dynamic for appends, small files and rollup-free data; range partitioning (perfect rollup, segment pruning
     * on the leading dimensions) for big rolled-up files; hashed when no dimension can be range-partitioned.
     */
    static PartitionsSpec partitions(
            long rows, boolean rollup, List<ColumnSchema> dimensions, SpecOptions options, List<Decision> decisions) {
        int target = options.targetRowsPerSegment();
        if (options.partitionsSpec() != null) {
            if (options.mode() == IngestMode.APPEND && options.partitionsSpec().needsGuaranteedRollup()) {
                throw InvalidSpecException.of(
                        "appending needs dynamic partitioning, but partitionsSpec [%s] was given",
                        options.partitionsSpec().typeName());
            }
            decisions.add(
                    new Decision("partitionsSpec", options.partitionsSpec().typeName(), "forced by option"));
            return options.partitionsSpec();
        }
        if (options.mode() == IngestMode.APPEND || !rollup || rows <= target) {
            String why = options.mode() == IngestMode.APPEND
                    ? "appends must use dynamic partitioning"
                    : !rollup
                            ? "without rollup there is nothing for perfect rollup to merge"
                            : String.format("%,d rows fit in one segment per time chunk", rows);
            decisions.add(new Decision(
                    "partitionsSpec",
                    "dynamic, maxRowsPerSegment " + target,
                    why + "; dynamic is the fastest, single-pass mode"));
            return new DynamicPartitionsSpec(target, null);
        }
        List<String> rangeDims = dimensions.stream()
                .filter(d -> d.type() == ColumnType.STRING && !d.multiValue())
                .limit(3)
                .map(ColumnSchema::druidName)
                .toList();
        if (rangeDims.isEmpty()) {
            decisions.add(new Decision(
                    "partitionsSpec",
                    "hashed, forceGuaranteedRollup",
                    String.format(
                            "%,d rows with rollup: perfect rollup needs hashed or range partitioning, and no"
                                    + " single-value string dimension can be range-partitioned",
                            rows)));
            return new HashedPartitionsSpec(null, target, null, null);
        }
        decisions.add(new Decision(
                "partitionsSpec",
                "range on " + rangeDims + ", forceGuaranteedRollup",
                String.format(
                        "%,d rows with rollup: range partitioning gives perfect rollup and lets the Broker prune"
                                + " segments on the lowest-cardinality string dimensions",
                        rows)));
        return new DimensionRangePartitionsSpec(rangeDims, target, null, null);
    }
}
