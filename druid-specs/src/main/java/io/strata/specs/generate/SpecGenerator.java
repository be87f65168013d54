package io.strata.specs.generate;

import io.strata.schema.ColumnSchema;
import io.strata.schema.DetectionResult;
import io.strata.schema.ValidationReport;
import io.strata.specs.model.AggregatorFactory;
import io.strata.specs.model.CountAggregatorFactory;
import io.strata.specs.model.DataSchema;
import io.strata.specs.model.DimensionSchema;
import io.strata.specs.model.DimensionsSpec;
import io.strata.specs.model.DoubleDimensionSchema;
import io.strata.specs.model.DoubleSumAggregatorFactory;
import io.strata.specs.model.Granularity;
import io.strata.specs.model.GranularitySpec;
import io.strata.specs.model.HllSketchBuildAggregatorFactory;
import io.strata.specs.model.IndexParallelIOConfig;
import io.strata.specs.model.IndexParallelIngestionSpec;
import io.strata.specs.model.IndexParallelTask;
import io.strata.specs.model.IndexParallelTuningConfig;
import io.strata.specs.model.LongDimensionSchema;
import io.strata.specs.model.LongSumAggregatorFactory;
import io.strata.specs.model.MultiValueHandling;
import io.strata.specs.model.PartitionsSpec;
import io.strata.specs.model.StringDimensionSchema;
import io.strata.specs.model.TimestampSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Generates a Druid {@code index_parallel} task from a schema detection, and explains each choice.
 *
 * <p>Every choice can be overridden through {@link SpecOptions}; contradictory options are rejected with an
 * {@link io.strata.specs.InvalidSpecException} naming them. Stateless and thread-safe; pure computation.
 */
public final class SpecGenerator {

    private SpecGenerator() {}

    /** Generates the batch task for {@code detection}, honouring {@code options}. */
    public static GeneratedSpec generate(DetectionResult detection, SpecOptions options) {
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(options, "options");
        List<Decision> decisions = new ArrayList<>();
        InputChoice input = InputChoice.choose(detection, options, decisions);
        ColumnPlan plan = ColumnPlanner.plan(detection.schema(), options, input.normalized(), decisions);
        DataSchema dataSchema = dataSchema(detection, options, plan, decisions);
        GranularitySpec granularity = dataSchema.granularitySpec();
        PartitionsSpec partitions = SegmentPlanner.partitions(
                detection.report().rows(), granularity.rollupOrDefault(), plan.dimensions(), options, decisions);
        boolean append = options.mode() == IngestMode.APPEND;
        decisions.add(new Decision(
                "mode",
                append ? "append" : "replace " + granularity.intervals(),
                append
                        ? "appendToExisting: new segments are added next to the existing ones"
                        : "dropExisting: everything already stored inside the file's intervals is replaced"));
        IndexParallelIOConfig ioConfig = new IndexParallelIOConfig(
                IndexParallelIOConfig.TYPE,
                input.source(),
                input.format(),
                append,
                append || granularity.intervals() == null ? null : true);
        IndexParallelTuningConfig tuning = tuning(detection.report(), options, partitions, decisions);
        IndexParallelTask task = IndexParallelTask.of(new IndexParallelIngestionSpec(dataSchema, ioConfig, tuning));
        return new GeneratedSpec(task, decisions);
    }

    /** The data schema alone (shared with the streaming generator). */
    static DataSchema dataSchema(
            DetectionResult detection, SpecOptions options, ColumnPlan plan, List<Decision> decisions) {
        TimestampSpec timestampSpec = plan.timestamp() == null
                ? new TimestampSpec(absentColumnName(detection), null, options.missingTimestamp())
                : TimestampSpec.of(plan.timestamp().druidName(), plan.timestampFormat());
        List<DimensionSchema> dimensions = dimensions(plan, decisions);
        List<AggregatorFactory> metrics = metrics(detection, plan, decisions);
        List<Instant> times = RollupEstimator.times(detection.sample(), plan.timestamp());
        Instant[] span = span(plan.timestamp(), times);
        Instant min = plan.timestamp() == null ? Instant.parse(normalizedInstant(options.missingTimestamp())) : span[0];
        Instant max = plan.timestamp() == null ? min : span[1];
        RollupChoice rollup = RollupChoice.decide(detection, plan, times, min, max, options, decisions);
        Granularity segment = SegmentPlanner.segmentGranularity(
                plan.timestamp() == null ? null : min,
                max,
                detection.report().rows(),
                rollup.queryGranularity(),
                options,
                decisions);
        List<String> intervals = min == null ? null : SegmentPlanner.intervals(min, max, segment);
        if (intervals != null) {
            decisions.add(new Decision(
                    "intervals",
                    String.join(",", intervals),
                    "the time chunks the file's timestamps fall in; Druid locks them up front and drops rows"
                            + " outside them"));
        }
        return new DataSchema(
                options.dataSource(),
                timestampSpec,
                DimensionsSpec.of(dimensions),
                metrics,
                GranularitySpec.uniform(segment, rollup.queryGranularity(), rollup.rollup(), intervals),
                null);
    }

    private static List<DimensionSchema> dimensions(ColumnPlan plan, List<Decision> decisions) {
        List<DimensionSchema> dimensions = new ArrayList<>();
        for (ColumnSchema column : plan.dimensions()) {
            dimensions.add(
                    switch (column.type()) {
                        case LONG -> new LongDimensionSchema(column.druidName());
                        case DOUBLE -> new DoubleDimensionSchema(column.druidName());
                        default -> column.multiValue()
                                ? new StringDimensionSchema(column.druidName(), MultiValueHandling.SORTED_ARRAY, null)
                                : StringDimensionSchema.of(column.druidName());
                    });
        }
        decisions.add(new Decision(
                "dimensions",
                plan.dimensions().stream()
                        .map(c -> c.druidName() + " (" + c.type().name().toLowerCase(java.util.Locale.ROOT)
                                + (c.multiValue() ? ", multi-value" : "") + ", ~"
                                + c.profile().approxDistinct()
                                + " distinct)")
                        .collect(Collectors.joining(", ")),
                "lowest cardinality first: rows are sorted by dimensions in this order, so long runs of equal"
                        + " values compress well; LONG/DOUBLE stay numeric, BOOLEAN and secondary timestamps are"
                        + " stored as strings, multi-value strings as sorted arrays"));
        return dimensions;
    }

    private static List<AggregatorFactory> metrics(
            DetectionResult detection, ColumnPlan plan, List<Decision> decisions) {
        List<AggregatorFactory> metrics = new ArrayList<>();
        String countName = "count";
        for (int i = 1; detection.schema().column(countName).isPresent(); i++) {
            countName = "count_" + i;
        }
        metrics.add(new CountAggregatorFactory(countName));
        for (ColumnSchema column : plan.metrics()) {
            metrics.add(
                    switch (column.type()) {
                        case LONG -> LongSumAggregatorFactory.of(column.druidName(), column.druidName());
                        default -> DoubleSumAggregatorFactory.of(column.druidName(), column.druidName());
                    });
        }
        for (ColumnSchema column : plan.sketches()) {
            metrics.add(HllSketchBuildAggregatorFactory.of(column.druidName(), column.druidName()));
        }
        decisions.add(new Decision(
                "metrics",
                metrics.stream().map(AggregatorFactory::name).collect(Collectors.joining(", ")),
                "'" + countName + "' counts input rows per stored row; numeric METRIC columns are summed"
                        + " (longSum/doubleSum keep their type), so SUM queries give the same answer with or"
                        + " without rollup"
                        + (plan.sketches().isEmpty()
                                ? ""
                                : "; distinct-count columns become HLLSketchBuild sketches")));
        return metrics;
    }

    private static IndexParallelTuningConfig tuning(
            ValidationReport report, SpecOptions options, PartitionsSpec partitions, List<Decision> decisions) {
        int budget;
        if (options.maxParseExceptions() != null) {
            budget = options.maxParseExceptions();
            decisions.add(new Decision("maxParseExceptions", String.valueOf(budget), "forced by option"));
        } else if (report.badRows() == 0) {
            budget = 0;
            decisions.add(new Decision(
                    "maxParseExceptions", "0", "validation found no bad rows, so any parse error is a surprise"));
        } else if (report.withinBudget()) {
            budget = (int) Math.min(Integer.MAX_VALUE, report.badRows());
            decisions.add(new Decision(
                    "maxParseExceptions",
                    String.valueOf(budget),
                    String.format(
                            "validation found %,d bad rows of %,d, within the error budget; Druid skips exactly"
                                    + " those and fails on more",
                            report.badRows(), report.rows())));
        } else {
            budget = 0;
            decisions.add(new Decision(
                    "maxParseExceptions",
                    "0",
                    String.format(
                            "validation found %,d bad rows of %,d, over the error budget (%s); Druid will fail on"
                                    + " the first one unless the budget is raised by option",
                            report.badRows(), report.rows(), report.verdict())));
        }
        Integer subTasks = options.maxNumConcurrentSubTasks();
        decisions.add(new Decision(
                "maxNumConcurrentSubTasks",
                subTasks == null ? "1 (Druid's default)" : String.valueOf(subTasks),
                subTasks == null
                        ? "one input file is read by one task; more sub-tasks help only with many input files"
                        : "forced by option"));
        return new IndexParallelTuningConfig(
                IndexParallelTuningConfig.TYPE,
                partitions,
                subTasks,
                null,
                null,
                null,
                null,
                partitions.needsGuaranteedRollup() ? true : null,
                budget > 0 ? true : null,
                budget,
                budget > 0 ? Math.min(budget, 10) : null,
                options.awaitSegmentAvailabilityTimeoutMillis());
    }

    /** A column name that is not in the file, so the constant missingValue applies to every row. */
    private static String absentColumnName(DetectionResult detection) {
        String name = TimestampSpec.DEFAULT_COLUMN;
        while (detection.schema().column(name).isPresent()) {
            name = "_" + name;
        }
        return name;
    }

    private static Instant[] span(ColumnSchema timestamp, List<Instant> sampleTimes) {
        if (timestamp == null) {
            return new Instant[] {null, null};
        }
        Instant min = RollupEstimator.toInstant(timestamp.profile().min());
        Instant max = RollupEstimator.toInstant(timestamp.profile().max());
        for (Instant t : sampleTimes) {
            min = min == null || t.isBefore(min) ? t : min;
            max = max == null || t.isAfter(max) ? t : max;
        }
        return new Instant[] {min, max};
    }

    private static String normalizedInstant(String iso) {
        try {
            return Instant.parse(iso).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.LocalDateTime.parse(iso.length() == 10 ? iso + "T00:00:00" : iso)
                    .toInstant(java.time.ZoneOffset.UTC)
                    .toString();
        }
    }
}
