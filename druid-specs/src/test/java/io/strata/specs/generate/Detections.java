package io.strata.specs.generate;

import io.strata.schema.ColumnProfile;
import io.strata.schema.ColumnRole;
import io.strata.schema.ColumnSchema;
import io.strata.schema.ColumnType;
import io.strata.schema.DatasetSchema;
import io.strata.schema.DetectionResult;
import io.strata.schema.FileFormat;
import io.strata.schema.TextDialect;
import io.strata.schema.TimestampChoice;
import io.strata.schema.ValidationReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link DetectionResult} values for generator tests, computing each column's profile (distinct count,
 * min, max) from the rows given, as the schema module would.
 */
final class Detections {

    private final String file;
    private final FileFormat format;
    private final List<ColumnSchema> columns = new ArrayList<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private TimestampChoice timestamp = TimestampChoice.none(List.of("no column holds dates"));
    private FileFormat normalized;
    private long totalRows = -1;
    private long badRows;
    private boolean withinBudget = true;
    private TextDialect dialect;

    private Detections(String file, FileFormat format) {
        this.file = file;
        this.format = format;
        if (format == FileFormat.CSV) {
            dialect = new TextDialect(',', '"', '"', true, "UTF-8", false);
        } else if (format == FileFormat.TSV) {
            dialect = new TextDialect('\t', '"', '"', true, "UTF-8", false);
        }
    }

    static Detections of(String file, FileFormat format) {
        return new Detections(file, format);
    }

    Detections column(String name, ColumnType type, ColumnRole role) {
        return column(name, name, type, role, false);
    }

    Detections column(String name, String druidName, ColumnType type, ColumnRole role, boolean multiValue) {
        columns.add(new ColumnSchema(
                name, druidName, type, role, "test", type == ColumnType.TIMESTAMP ? "iso" : null, multiValue, null));
        return this;
    }

    Detections timestampColumn(String name, String format) {
        columns.add(
                new ColumnSchema(name, name, ColumnType.TIMESTAMP, ColumnRole.TIMESTAMP, "test", format, false, null));
        timestamp = new TimestampChoice(name, format, 0.95, List.of("parses as " + format), List.of());
        return this;
    }

    /** One row; values in column order, Instants for timestamps. */
    Detections row(Object... values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                row.put(columns.get(i).druidName(), values[i]);
            }
        }
        rows.add(row);
        return this;
    }

    Detections normalizedTo(FileFormat normalizedFormat) {
        this.normalized = normalizedFormat;
        return this;
    }

    /** Rows in the whole file, when more than the sample. */
    Detections totalRows(long total) {
        this.totalRows = total;
        return this;
    }

    Detections badRows(long bad, boolean within) {
        this.badRows = bad;
        this.withinBudget = within;
        return this;
    }

    DetectionResult build() {
        List<ColumnSchema> profiled = new ArrayList<>();
        for (ColumnSchema c : columns) {
            List<Object> values = rows.stream()
                    .map(r -> r.get(c.druidName()))
                    .filter(v -> v != null)
                    .toList();
            long nulls = rows.size() - values.size();
            long distinct = values.stream().distinct().count();
            String min = null;
            String max = null;
            if (c.type() == ColumnType.TIMESTAMP && !values.isEmpty()) {
                min = values.stream()
                        .map(v -> (Instant) v)
                        .min(Instant::compareTo)
                        .orElseThrow()
                        .toString();
                max = values.stream()
                        .map(v -> (Instant) v)
                        .max(Instant::compareTo)
                        .orElseThrow()
                        .toString();
            }
            profiled.add(new ColumnSchema(
                    c.name(),
                    c.druidName(),
                    c.type(),
                    c.role(),
                    c.reason(),
                    c.timestampFormat(),
                    c.multiValue(),
                    new ColumnProfile(nulls, 0, List.of(), min, max, distinct, List.of())));
        }
        long total = totalRows < 0 ? rows.size() : totalRows;
        ValidationReport report = new ValidationReport(
                total, badRows, List.of(), withinBudget, withinBudget ? "ok" : "too many bad rows");
        return new DetectionResult(
                file, new DatasetSchema(format, profiled, timestamp, dialect, List.of()), report, rows, normalized);
    }
}
