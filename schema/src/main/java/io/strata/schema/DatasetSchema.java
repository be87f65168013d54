package io.strata.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The detected schema of one dataset (one file, or the sheets of a workbook that share a header).
 *
 * @param format the format of the original file
 * @param columns columns in file order
 * @param timestamp the primary timestamp choice, never null (see {@link TimestampChoice#hasColumn()})
 * @param dialect how a CSV/TSV file is written; null for other formats
 * @param sheets the XLSX sheets this dataset was read from; empty for other formats
 */
public record DatasetSchema(
        FileFormat format,
        List<ColumnSchema> columns,
        TimestampChoice timestamp,
        TextDialect dialect,
        List<String> sheets) {
    public DatasetSchema {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(timestamp, "timestamp");
        columns = List.copyOf(columns);
        sheets = sheets == null ? List.of() : List.copyOf(sheets);
    }

    public DatasetSchema(FileFormat format, List<ColumnSchema> columns, TimestampChoice timestamp) {
        this(format, columns, timestamp, null, List.of());
    }

    /** The column with this druidName. */
    public Optional<ColumnSchema> column(String druidName) {
        return columns.stream().filter(c -> c.druidName().equals(druidName)).findFirst();
    }
}
