package io.strata.specs.generate;

import io.strata.specs.InvalidSpecException;
import io.strata.specs.model.Granularity;
import io.strata.specs.model.PartitionsSpec;
import java.util.List;
import java.util.Objects;

/**
 * Overrides for {@link SpecGenerator}. Every field but {@code dataSource} may be null (or empty), meaning "decide
 * from the data". Column names are druidNames. Build with {@link #builder(String)}.
 *
 * @param dataSource the target datasource
 * @param input where Druid reads the file; null for the detected file's local path
 * @param readNormalized true to read the normalized copy, false for the original; null reads the normalized copy
 *     exactly when the detection says Druid cannot read the original
 * @param timestampColumn the primary timestamp column
 * @param timestampFormat its Druid format (needs {@code timestampColumn})
 * @param missingTimestamp ISO-8601 time for rows without one, and for files without a timestamp column
 * @param rollup force rollup on or off
 * @param queryGranularity force the stored time resolution
 * @param segmentGranularity force the time chunk size
 * @param dimensions columns that must be dimensions, even if detected as metrics
 * @param metrics columns that must be summed metrics, even if detected as dimensions
 * @param exclude columns not to ingest at all
 * @param distinctCounts columns stored only as HLL sketches for approximate distinct counts (needs
 *     {@code datasketches})
 * @param datasketches whether Druid has the datasketches extension loaded
 * @param partitionsSpec force the secondary partitioning
 * @param mode append to or replace existing data; null for replace
 * @param maxParseExceptions force the parse-error budget
 * @param maxNumConcurrentSubTasks force the number of parallel worker tasks
 * @param awaitSegmentAvailabilityTimeoutMillis make the task wait until its segments are queryable
 * @param targetRowsPerSegment the segment size aimed at; 0 for 5,000,000
 * @param rollupThreshold rollup is turned on when it is expected to keep at most this fraction of rows; 0 for 0.8
 */
public record SpecOptions(
        String dataSource,
        InputLocation input,
        Boolean readNormalized,
        String timestampColumn,
        String timestampFormat,
        String missingTimestamp,
        Boolean rollup,
        Granularity queryGranularity,
        Granularity segmentGranularity,
        List<String> dimensions,
        List<String> metrics,
        List<String> exclude,
        List<String> distinctCounts,
        boolean datasketches,
        PartitionsSpec partitionsSpec,
        IngestMode mode,
        Integer maxParseExceptions,
        Integer maxNumConcurrentSubTasks,
        Long awaitSegmentAvailabilityTimeoutMillis,
        int targetRowsPerSegment,
        double rollupThreshold) {

    public static final String DEFAULT_MISSING_TIMESTAMP = "2000-01-01T00:00:00Z";
    public static final int DEFAULT_TARGET_ROWS_PER_SEGMENT = 5_000_000;
    public static final double DEFAULT_ROLLUP_THRESHOLD = 0.8;

    public SpecOptions {
        if (dataSource == null || dataSource.isBlank()) {
            throw new InvalidSpecException("dataSource is required");
        }
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        distinctCounts = distinctCounts == null ? List.of() : List.copyOf(distinctCounts);
        missingTimestamp = missingTimestamp == null ? DEFAULT_MISSING_TIMESTAMP : missingTimestamp;
        mode = mode == null ? IngestMode.REPLACE : mode;
        targetRowsPerSegment = targetRowsPerSegment == 0 ? DEFAULT_TARGET_ROWS_PER_SEGMENT : targetRowsPerSegment;
        rollupThreshold = rollupThreshold == 0 ? DEFAULT_ROLLUP_THRESHOLD : rollupThreshold;
        if (targetRowsPerSegment < 0) {
            throw InvalidSpecException.of("targetRowsPerSegment must be positive, got [%d]", targetRowsPerSegment);
        }
        if (rollupThreshold < 0 || rollupThreshold > 1) {
            throw InvalidSpecException.of("rollupThreshold must be within (0, 1], got [%s]", rollupThreshold);
        }
        if (timestampFormat != null && timestampColumn == null) {
            throw InvalidSpecException.of("timestampFormat [%s] needs a timestampColumn", timestampFormat);
        }
    }

    public static Builder builder(String dataSource) {
        return new Builder(dataSource);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link SpecOptions}; not thread-safe. */
    public static final class Builder {
        private String dataSource;
        private InputLocation input;
        private Boolean readNormalized;
        private String timestampColumn;
        private String timestampFormat;
        private String missingTimestamp;
        private Boolean rollup;
        private Granularity queryGranularity;
        private Granularity segmentGranularity;
        private List<String> dimensions = List.of();
        private List<String> metrics = List.of();
        private List<String> exclude = List.of();
        private List<String> distinctCounts = List.of();
        private boolean datasketches;
        private PartitionsSpec partitionsSpec;
        private IngestMode mode;
        private Integer maxParseExceptions;
        private Integer maxNumConcurrentSubTasks;
        private Long awaitSegmentAvailabilityTimeoutMillis;
        private int targetRowsPerSegment;
        private double rollupThreshold;

        private Builder(String dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        private Builder(SpecOptions o) {
            dataSource = o.dataSource;
            input = o.input;
            readNormalized = o.readNormalized;
            timestampColumn = o.timestampColumn;
            timestampFormat = o.timestampFormat;
            missingTimestamp = o.missingTimestamp;
            rollup = o.rollup;
            queryGranularity = o.queryGranularity;
            segmentGranularity = o.segmentGranularity;
            dimensions = o.dimensions;
            metrics = o.metrics;
            exclude = o.exclude;
            distinctCounts = o.distinctCounts;
            datasketches = o.datasketches;
            partitionsSpec = o.partitionsSpec;
            mode = o.mode;
            maxParseExceptions = o.maxParseExceptions;
            maxNumConcurrentSubTasks = o.maxNumConcurrentSubTasks;
            awaitSegmentAvailabilityTimeoutMillis = o.awaitSegmentAvailabilityTimeoutMillis;
            targetRowsPerSegment = o.targetRowsPerSegment;
            rollupThreshold = o.rollupThreshold;
        }

        public Builder dataSource(String value) {
            dataSource = value;
            return this;
        }

        public Builder input(InputLocation value) {
            input = value;
            return this;
        }

        public Builder readNormalized(Boolean value) {
            readNormalized = value;
            return this;
        }

        public Builder timestamp(String column, String format) {
            timestampColumn = column;
            timestampFormat = format;
            return this;
        }

        public Builder missingTimestamp(String value) {
            missingTimestamp = value;
            return this;
        }

        public Builder rollup(Boolean value) {
            rollup = value;
            return this;
        }

        public Builder queryGranularity(Granularity value) {
            queryGranularity = value;
            return this;
        }

        public Builder segmentGranularity(Granularity value) {
            segmentGranularity = value;
            return this;
        }

        public Builder dimensions(List<String> value) {
            dimensions = value;
            return this;
        }

        public Builder metrics(List<String> value) {
            metrics = value;
            return this;
        }

        public Builder exclude(List<String> value) {
            exclude = value;
            return this;
        }

        public Builder distinctCounts(List<String> value) {
            distinctCounts = value;
            return this;
        }

        public Builder datasketches(boolean value) {
            datasketches = value;
            return this;
        }

        public Builder partitionsSpec(PartitionsSpec value) {
            partitionsSpec = value;
            return this;
        }

        public Builder mode(IngestMode value) {
            mode = value;
            return this;
        }

        public Builder maxParseExceptions(Integer value) {
            maxParseExceptions = value;
            return this;
        }

        public Builder maxNumConcurrentSubTasks(Integer value) {
            maxNumConcurrentSubTasks = value;
            return this;
        }

        public Builder awaitSegmentAvailabilityTimeoutMillis(Long value) {
            awaitSegmentAvailabilityTimeoutMillis = value;
            return this;
        }

        public Builder targetRowsPerSegment(int value) {
            targetRowsPerSegment = value;
            return this;
        }

        public Builder rollupThreshold(double value) {
            rollupThreshold = value;
            return this;
        }

        public SpecOptions build() {
            return new SpecOptions(
                    dataSource,
                    input,
                    readNormalized,
                    timestampColumn,
                    timestampFormat,
                    missingTimestamp,
                    rollup,
                    queryGranularity,
                    segmentGranularity,
                    dimensions,
                    metrics,
                    exclude,
                    distinctCounts,
                    datasketches,
                    partitionsSpec,
                    mode,
                    maxParseExceptions,
                    maxNumConcurrentSubTasks,
                    awaitSegmentAvailabilityTimeoutMillis,
                    targetRowsPerSegment,
                    rollupThreshold);
        }
    }
}
