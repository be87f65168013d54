package io.strata.schema;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings for {@link SchemaDetector}. Start from {@link #defaults()} and change what you need with
 * {@link #toBuilder()}. Overrides are keyed by the column's original name or its druidName.
 *
 * @param nullTokens values read as null (compared after trimming, case-sensitive); the empty value is always null
 * @param maxBadRows error budget: most bad rows allowed, or -1 for no absolute limit
 * @param maxBadFraction error budget: largest fraction of bad rows allowed, 0 to 1
 * @param typeTolerance largest fraction of sampled non-null values that may fail to parse while a column is still
 *     typed LONG, DOUBLE or BOOLEAN (the failures are then reported as invalid); timestamps get no tolerance
 * @param inferenceRows rows buffered to infer types from, before every row is validated
 * @param sampleSize rows returned in {@link DetectionResult#sample()}
 * @param maxProblems row problems kept in the report
 * @param maxInvalidSamples invalid values kept per column
 * @param topValues most frequent values reported per dimension
 * @param sheet the XLSX sheet to read, or null for all sheets (they must share a header)
 * @param typeOverrides column name to type
 * @param roleOverrides column name to role
 * @param timestampColumn the column to use as the primary timestamp, or null to choose automatically
 * @param timestampFormat the format of {@code timestampColumn}, or null to detect it
 * @param dateOrder how to read ambiguous dates such as 03/04/2020 when no value decides
 * @param decimalSeparator '.' or ',' to force, or null to detect from the values
 * @param locale language for month names ("Jan", "janv.")
 * @param maxSpoolBytes largest file copied to a temporary file for formats that need random access (XLSX, Parquet,
 *     the Arrow file format); larger files fail with {@link FileTooLargeException}
 * @param maxColumns most columns a file may have (a CSV header's fields, a Parquet or Arrow schema's leaves, an
 *     XLSX header); more fail with {@link TooManyColumnsException}
 */
public record DetectionOptions(
        Set<String> nullTokens,
        long maxBadRows,
        double maxBadFraction,
        double typeTolerance,
        int inferenceRows,
        int sampleSize,
        int maxProblems,
        int maxInvalidSamples,
        int topValues,
        String sheet,
        Map<String, ColumnType> typeOverrides,
        Map<String, ColumnRole> roleOverrides,
        String timestampColumn,
        String timestampFormat,
        DateOrder dateOrder,
        Character decimalSeparator,
        Locale locale,
        long maxSpoolBytes,
        int maxColumns) {

    /** The null tokens used unless configured otherwise. */
    public static final Set<String> DEFAULT_NULL_TOKENS =
            Set.of("", "NA", "N/A", "n/a", "na", "null", "NULL", "Null", "NaN", "nan", "-", "None", "none", "#N/A");

    /** The spool limit unless configured otherwise: 4 GiB. */
    public static final long DEFAULT_MAX_SPOOL_BYTES = 4L << 30;

    /**
     * The column limit unless configured otherwise: 5,000. Every column becomes a Druid dimension or metric, and
     * each one costs the indexer memory for every row it holds before a persist; much wider files are rarely one
     * table.
     */
    public static final int DEFAULT_MAX_COLUMNS = 5_000;

    /** Which field of an ambiguous numeric date is the month. */
    public enum DateOrder {
        /** Month first (US) unless the values decide. */
        AUTO,
        MONTH_FIRST,
        DAY_FIRST
    }

    public DetectionOptions {
        nullTokens = Set.copyOf(Objects.requireNonNull(nullTokens, "nullTokens"));
        typeOverrides = Map.copyOf(Objects.requireNonNull(typeOverrides, "typeOverrides"));
        roleOverrides = Map.copyOf(Objects.requireNonNull(roleOverrides, "roleOverrides"));
        Objects.requireNonNull(dateOrder, "dateOrder");
        Objects.requireNonNull(locale, "locale");
        if (maxBadRows < -1) {
            throw new IllegalArgumentException("maxBadRows must be -1 (no limit) or >= 0: " + maxBadRows);
        }
        requireFraction("maxBadFraction", maxBadFraction);
        requireFraction("typeTolerance", typeTolerance);
        if (inferenceRows < 1) {
            throw new IllegalArgumentException("inferenceRows must be >= 1: " + inferenceRows);
        }
        requireNotNegative("sampleSize", sampleSize);
        requireNotNegative("maxProblems", maxProblems);
        requireNotNegative("maxInvalidSamples", maxInvalidSamples);
        requireNotNegative("topValues", topValues);
        if (decimalSeparator != null && decimalSeparator != '.' && decimalSeparator != ',') {
            throw new IllegalArgumentException("decimalSeparator must be '.' or ',': " + decimalSeparator);
        }
        if (timestampFormat != null && timestampColumn == null) {
            throw new IllegalArgumentException("timestampFormat needs timestampColumn");
        }
        if (maxSpoolBytes < 1) {
            throw new IllegalArgumentException("maxSpoolBytes must be >= 1: " + maxSpoolBytes);
        }
        if (maxColumns < 1) {
            throw new IllegalArgumentException("maxColumns must be >= 1: " + maxColumns);
        }
    }

    /** The options without a column limit argument, which is then {@link #DEFAULT_MAX_COLUMNS}. */
    public DetectionOptions(
            Set<String> nullTokens,
            long maxBadRows,
            double maxBadFraction,
            double typeTolerance,
            int inferenceRows,
            int sampleSize,
            int maxProblems,
            int maxInvalidSamples,
            int topValues,
            String sheet,
            Map<String, ColumnType> typeOverrides,
            Map<String, ColumnRole> roleOverrides,
            String timestampColumn,
            String timestampFormat,
            DateOrder dateOrder,
            Character decimalSeparator,
            Locale locale,
            long maxSpoolBytes) {
        this(
                nullTokens,
                maxBadRows,
                maxBadFraction,
                typeTolerance,
                inferenceRows,
                sampleSize,
                maxProblems,
                maxInvalidSamples,
                topValues,
                sheet,
                typeOverrides,
                roleOverrides,
                timestampColumn,
                timestampFormat,
                dateOrder,
                decimalSeparator,
                locale,
                maxSpoolBytes,
                DEFAULT_MAX_COLUMNS);
    }

    /** The options without a spool limit argument, which is then {@link #DEFAULT_MAX_SPOOL_BYTES}. */
    public DetectionOptions(
            Set<String> nullTokens,
            long maxBadRows,
            double maxBadFraction,
            double typeTolerance,
            int inferenceRows,
            int sampleSize,
            int maxProblems,
            int maxInvalidSamples,
            int topValues,
            String sheet,
            Map<String, ColumnType> typeOverrides,
            Map<String, ColumnRole> roleOverrides,
            String timestampColumn,
            String timestampFormat,
            DateOrder dateOrder,
            Character decimalSeparator,
            Locale locale) {
        this(
                nullTokens,
                maxBadRows,
                maxBadFraction,
                typeTolerance,
                inferenceRows,
                sampleSize,
                maxProblems,
                maxInvalidSamples,
                topValues,
                sheet,
                typeOverrides,
                roleOverrides,
                timestampColumn,
                timestampFormat,
                dateOrder,
                decimalSeparator,
                locale,
                DEFAULT_MAX_SPOOL_BYTES);
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1]: " + value);
        }
    }

    private static void requireNotNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0: " + value);
        }
    }

    /** 1% bad rows allowed, 10,000 rows to infer from, 100 sample rows, common null tokens, dates month first. */
    public static DetectionOptions defaults() {
        return new DetectionOptions(
                DEFAULT_NULL_TOKENS,
                -1,
                0.01,
                0.001,
                10_000,
                100,
                100,
                5,
                10,
                null,
                Map.of(),
                Map.of(),
                null,
                null,
                DateOrder.AUTO,
                null,
                Locale.ENGLISH,
                DEFAULT_MAX_SPOOL_BYTES,
                DEFAULT_MAX_COLUMNS);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** Whether {@code badRows} out of {@code rows} is within this error budget. */
    public boolean withinBudget(long rows, long badRows) {
        if (maxBadRows >= 0 && badRows > maxBadRows) {
            return false;
        }
        return rows == 0 ? badRows == 0 : (double) badRows / rows <= maxBadFraction;
    }

    /** Builds {@link DetectionOptions}; not thread-safe. */
    public static final class Builder {
        private Set<String> nullTokens;
        private long maxBadRows;
        private double maxBadFraction;
        private double typeTolerance;
        private int inferenceRows;
        private int sampleSize;
        private int maxProblems;
        private int maxInvalidSamples;
        private int topValues;
        private String sheet;
        private Map<String, ColumnType> typeOverrides;
        private Map<String, ColumnRole> roleOverrides;
        private String timestampColumn;
        private String timestampFormat;
        private DateOrder dateOrder;
        private Character decimalSeparator;
        private Locale locale;
        private long maxSpoolBytes;
        private int maxColumns;

        private Builder(DetectionOptions o) {
            nullTokens = o.nullTokens;
            maxBadRows = o.maxBadRows;
            maxBadFraction = o.maxBadFraction;
            typeTolerance = o.typeTolerance;
            inferenceRows = o.inferenceRows;
            sampleSize = o.sampleSize;
            maxProblems = o.maxProblems;
            maxInvalidSamples = o.maxInvalidSamples;
            topValues = o.topValues;
            sheet = o.sheet;
            typeOverrides = o.typeOverrides;
            roleOverrides = o.roleOverrides;
            timestampColumn = o.timestampColumn;
            timestampFormat = o.timestampFormat;
            dateOrder = o.dateOrder;
            decimalSeparator = o.decimalSeparator;
            locale = o.locale;
            maxSpoolBytes = o.maxSpoolBytes;
            maxColumns = o.maxColumns;
        }

        public Builder nullTokens(Set<String> nullTokens) {
            this.nullTokens = nullTokens;
            return this;
        }

        public Builder maxBadRows(long maxBadRows) {
            this.maxBadRows = maxBadRows;
            return this;
        }

        public Builder maxBadFraction(double maxBadFraction) {
            this.maxBadFraction = maxBadFraction;
            return this;
        }

        public Builder typeTolerance(double typeTolerance) {
            this.typeTolerance = typeTolerance;
            return this;
        }

        public Builder inferenceRows(int inferenceRows) {
            this.inferenceRows = inferenceRows;
            return this;
        }

        public Builder sampleSize(int sampleSize) {
            this.sampleSize = sampleSize;
            return this;
        }

        public Builder maxProblems(int maxProblems) {
            this.maxProblems = maxProblems;
            return this;
        }

        public Builder maxInvalidSamples(int maxInvalidSamples) {
            this.maxInvalidSamples = maxInvalidSamples;
            return this;
        }

        public Builder topValues(int topValues) {
            this.topValues = topValues;
            return this;
        }

        public Builder sheet(String sheet) {
            this.sheet = sheet;
            return this;
        }

        public Builder typeOverrides(Map<String, ColumnType> typeOverrides) {
            this.typeOverrides = typeOverrides;
            return this;
        }

        public Builder roleOverrides(Map<String, ColumnRole> roleOverrides) {
            this.roleOverrides = roleOverrides;
            return this;
        }

        public Builder timestamp(String column, String format) {
            this.timestampColumn = column;
            this.timestampFormat = format;
            return this;
        }

        public Builder dateOrder(DateOrder dateOrder) {
            this.dateOrder = dateOrder;
            return this;
        }

        public Builder decimalSeparator(Character decimalSeparator) {
            this.decimalSeparator = decimalSeparator;
            return this;
        }

        public Builder locale(Locale locale) {
            this.locale = locale;
            return this;
        }

        public Builder maxSpoolBytes(long maxSpoolBytes) {
            this.maxSpoolBytes = maxSpoolBytes;
            return this;
        }

        public Builder maxColumns(int maxColumns) {
            this.maxColumns = maxColumns;
            return this;
        }

        public DetectionOptions build() {
            return new DetectionOptions(
                    nullTokens,
                    maxBadRows,
                    maxBadFraction,
                    typeTolerance,
                    inferenceRows,
                    sampleSize,
                    maxProblems,
                    maxInvalidSamples,
                    topValues,
                    sheet,
                    typeOverrides,
                    roleOverrides,
                    timestampColumn,
                    timestampFormat,
                    dateOrder,
                    decimalSeparator,
                    locale,
                    maxSpoolBytes,
                    maxColumns);
        }
    }
}
