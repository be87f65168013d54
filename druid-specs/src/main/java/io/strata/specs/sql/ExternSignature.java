package io.strata.specs.sql;

import io.strata.specs.InvalidSpecException;
import io.strata.specs.model.AggregatorFactory;
import io.strata.specs.model.AutoDimensionSchema;
import io.strata.specs.model.CsvInputFormat;
import io.strata.specs.model.DataSchema;
import io.strata.specs.model.DelimitedInputFormat;
import io.strata.specs.model.DimensionSchema;
import io.strata.specs.model.DoubleMaxAggregatorFactory;
import io.strata.specs.model.DoubleMinAggregatorFactory;
import io.strata.specs.model.DoubleSumAggregatorFactory;
import io.strata.specs.model.InputFormat;
import io.strata.specs.model.JsonDimensionSchema;
import io.strata.specs.model.SimpleAggregatorFactory;
import io.strata.specs.model.TimestampSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The row signature EXTERN needs: each input column read, with its SQL-ingestion type. */
record ExternSignature(Map<String, String> columns) {

    private static final Set<String> NUMERIC_TIME_FORMATS = Set.of("millis", "posix", "micro", "nano");

    static ExternSignature of(DataSchema schema, InputFormat format) {
        Map<String, String> columns = new LinkedHashMap<>();
        TimestampSpec ts = schema.timestampSpecOrDefault();
        if (ts.missingValue() == null || inputHas(format, ts.columnOrDefault())) {
            columns.put(ts.columnOrDefault(), NUMERIC_TIME_FORMATS.contains(ts.formatOrDefault()) ? "long" : "string");
        }
        if (schema.dimensionsSpec() != null) {
            for (DimensionSchema d : schema.dimensionsSpec().dimensionsOrEmpty()) {
                if (d instanceof AutoDimensionSchema) {
                    throw InvalidSpecException.of(
                            "dimension [%s] has type auto; SQL ingestion needs an explicit type", d.name());
                }
                columns.putIfAbsent(d.name(), d instanceof JsonDimensionSchema ? "COMPLEX<json>" : d.typeName());
            }
        }
        for (AggregatorFactory metric : schema.metricsOrEmpty()) {
            metric.inputField().ifPresent(field -> columns.putIfAbsent(field, inputType(metric)));
        }
        return new ExternSignature(columns);
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    String json() {
        List<Map<String, String>> entries = new ArrayList<>();
        columns.forEach((name, type) -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("type", type);
            entries.add(entry);
        });
        return MsqRenderer.compactJson(entries);
    }

    private static String inputType(AggregatorFactory metric) {
        if (metric instanceof SimpleAggregatorFactory) {
            boolean dbl = metric instanceof DoubleSumAggregatorFactory
                    || metric instanceof DoubleMinAggregatorFactory
                    || metric instanceof DoubleMaxAggregatorFactory;
            return dbl ? "double" : "long";
        }
        return "string";
    }

    /** Whether the input has this column; JSON input may have any field, text input only its listed columns. */
    private static boolean inputHas(InputFormat format, String column) {
        if (format instanceof CsvInputFormat csv && csv.columns() != null) {
            return csv.columns().contains(column);
        }
        if (format instanceof DelimitedInputFormat tsv && tsv.columns() != null) {
            return tsv.columns().contains(column);
        }
        return true;
    }
}
