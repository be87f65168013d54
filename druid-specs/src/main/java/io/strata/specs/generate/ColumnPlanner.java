package io.strata.specs.generate;

import io.strata.schema.ColumnRole;
import io.strata.schema.ColumnSchema;
import io.strata.schema.ColumnType;
import io.strata.schema.DatasetSchema;
import io.strata.schema.TimestampChoice;
import io.strata.specs.InvalidSpecException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reconciles the detected roles with the options, rejecting contradictory options by name. */
final class ColumnPlanner {

    private ColumnPlanner() {}

    static ColumnPlan plan(DatasetSchema schema, SpecOptions options, boolean normalized, List<Decision> decisions) {
        checkOptions(schema, options);
        ColumnSchema timestamp = timestampColumn(schema, options, decisions);
        String format = timestamp == null ? null : timestampFormat(timestamp, options, normalized);
        if (timestamp != null) {
            decisions.add(new Decision(
                    "timestampFormat",
                    format,
                    options.timestampFormat() != null
                            ? "forced by option"
                            : normalized && timestamp.type() == ColumnType.TIMESTAMP
                                    ? "Druid reads the normalized copy, where timestamps are ISO-8601 UTC"
                                    : "as detected in the file"));
        }
        Set<String> forcedDims = new HashSet<>(options.dimensions());
        Set<String> forcedMetrics = new HashSet<>(options.metrics());
        Set<String> excluded = new HashSet<>(options.exclude());
        Set<String> sketched = new HashSet<>(options.distinctCounts());
        List<ColumnSchema> dimensions = new ArrayList<>();
        List<ColumnSchema> metrics = new ArrayList<>();
        List<ColumnSchema> sketches = new ArrayList<>();
        for (ColumnSchema column : schema.columns()) {
            String name = column.druidName();
            if ((timestamp != null && name.equals(timestamp.druidName())) || excluded.contains(name)) {
                continue;
            }
            if (sketched.contains(name)) {
                sketches.add(column);
            } else if (forcedMetrics.contains(name)) {
                metrics.add(column);
            } else if (forcedDims.contains(name)) {
                dimensions.add(column);
            } else if (column.role() == ColumnRole.METRIC && isNumeric(column)) {
                metrics.add(column);
            } else {
                dimensions.add(column);
            }
        }
        // Low cardinality first: rows sort by dimension values in this order, so long runs of equal values
        // compress well; ties keep file order.
        dimensions.sort(Comparator.comparingLong(c -> c.profile().approxDistinct()));
        if (!excluded.isEmpty()) {
            decisions.add(new Decision("excluded", String.join(", ", options.exclude()), "excluded by option"));
        }
        return new ColumnPlan(timestamp, format, dimensions, metrics, sketches);
    }

    static boolean isNumeric(ColumnSchema column) {
        return column.type() == ColumnType.LONG || column.type() == ColumnType.DOUBLE;
    }

    private static void checkOptions(DatasetSchema schema, SpecOptions options) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        lists.put("dimension", options.dimensions());
        lists.put("metric", options.metrics());
        lists.put("excluded column", options.exclude());
        lists.put("distinct-count column", options.distinctCounts());
        Map<String, String> owner = new LinkedHashMap<>();
        if (options.timestampColumn() != null) {
            requireKnown(schema, options.timestampColumn(), "timestamp column");
            owner.put(options.timestampColumn(), "timestamp column");
        }
        for (Map.Entry<String, List<String>> list : lists.entrySet()) {
            Set<String> seen = new HashSet<>();
            for (String name : list.getValue()) {
                requireKnown(schema, name, list.getKey());
                if (!seen.add(name)) {
                    throw InvalidSpecException.of("duplicate %s [%s]", list.getKey(), name);
                }
                String previous = owner.putIfAbsent(name, list.getKey());
                if (previous != null) {
                    throw InvalidSpecException.of(
                            "column [%s] cannot be both a %s and a %s", name, previous, list.getKey());
                }
            }
        }
        for (String name : options.metrics()) {
            ColumnSchema column = schema.column(name).orElseThrow();
            if (!isNumeric(column)) {
                throw InvalidSpecException.of(
                        "metric [%s] is a %s column; only LONG or DOUBLE columns can be summed", name, column.type());
            }
        }
        if (!options.distinctCounts().isEmpty() && !options.datasketches()) {
            throw InvalidSpecException.of(
                    "distinct-count columns %s need Druid's datasketches extension; enable the datasketches option",
                    options.distinctCounts());
        }
    }

    private static void requireKnown(DatasetSchema schema, String name, String what) {
        if (schema.column(name).isEmpty()) {
            throw InvalidSpecException.of(
                    "unknown %s [%s]; the file's columns are %s",
                    what,
                    name,
                    schema.columns().stream().map(ColumnSchema::druidName).collect(Collectors.toList()));
        }
    }

    private static ColumnSchema timestampColumn(DatasetSchema schema, SpecOptions options, List<Decision> decisions) {
        if (options.timestampColumn() != null) {
            ColumnSchema column = schema.column(options.timestampColumn()).orElseThrow();
            if (column.type() != ColumnType.TIMESTAMP && options.timestampFormat() == null) {
                throw InvalidSpecException.of(
                        "timestamp column [%s] is not a timestamp (detected %s); give its format too"
                                + " (e.g. millis or posix for epoch numbers)",
                        column.druidName(), column.type());
            }
            decisions.add(new Decision("timestamp", column.druidName(), "forced by option"));
            return column;
        }
        TimestampChoice choice = schema.timestamp();
        if (choice.hasColumn()) {
            ColumnSchema column = schema.column(choice.column())
                    .orElseThrow(() -> InvalidSpecException.of(
                            "detected timestamp column [%s] is not among the columns", choice.column()));
            String alternatives = choice.alternatives().isEmpty()
                    ? ""
                    : "; alternatives: " + String.join(", ", choice.alternatives());
            decisions.add(new Decision(
                    "timestamp",
                    column.druidName(),
                    String.format(
                            "detected with confidence %.2f: %s%s",
                            choice.confidence(), String.join("; ", choice.reasons()), alternatives)));
            return column;
        }
        decisions.add(new Decision(
                "timestamp",
                "none (constant missingValue " + options.missingTimestamp() + ")",
                "the file has no usable timestamp column"
                        + (choice.reasons().isEmpty() ? "" : " (" + String.join("; ", choice.reasons()) + ")")
                        + "; Druid needs a primary timestamp, so every row gets the same constant time and all"
                        + " rows land in one time chunk. Use the timestamp option if a column does hold times."));
        return null;
    }

    private static String timestampFormat(ColumnSchema column, SpecOptions options, boolean normalized) {
        if (options.timestampFormat() != null) {
            return options.timestampFormat();
        }
        if (normalized && column.type() == ColumnType.TIMESTAMP) {
            return "iso";
        }
        return column.timestampFormat();
    }
}
