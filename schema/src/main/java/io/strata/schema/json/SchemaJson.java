package io.strata.schema.json;

import io.strata.schema.ColumnSchema;
import io.strata.schema.DatasetSchema;
import io.strata.schema.DetectionResult;
import io.strata.schema.RowProblem;
import io.strata.schema.ValidationReport;
import java.io.OutputStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes detection results as JSON with Jackson 3, and reads schemas back. Records map field for field (record
 * component names), timestamps as ISO-8601 strings, {@code char}s as one-character strings. Thread-safe.
 */
public final class SchemaJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int CLI_PROBLEMS = 10;

    private SchemaJson() {}

    /** The mapper used, for callers that embed these values in larger documents. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** A DetectionResult, DatasetSchema, ValidationReport or any other value of this library as JSON text. */
    public static String toJson(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static void write(Object value, OutputStream out) {
        MAPPER.writeValue(out, value);
    }

    public static DatasetSchema readSchema(String json) {
        return MAPPER.readValue(json, DatasetSchema.class);
    }

    public static ValidationReport readReport(String json) {
        return MAPPER.readValue(json, ValidationReport.class);
    }

    /**
     * The one-line summary the {@code detect} command prints: {@code file}, {@code format}, {@code rows},
     * {@code timestampColumn}, {@code timestampFormat}, {@code columns} (name, druidName, type, role, nulls,
     * invalid, reason, ...), plus the verdict and the first problems.
     */
    public static ObjectNode summary(String file, DetectionResult r) {
        JsonNodeFactory f = MAPPER.getNodeFactory();
        ObjectNode o = f.objectNode();
        DatasetSchema s = r.schema();
        ValidationReport report = r.report();
        o.put("file", file);
        o.put("format", s.format().id());
        o.put("rows", report.rows());
        o.put("badRows", report.badRows());
        o.put("withinBudget", report.withinBudget());
        o.put("verdict", report.verdict());
        o.put("timestampColumn", s.timestamp().column());
        o.put("timestampFormat", s.timestamp().format());
        o.put("timestampConfidence", s.timestamp().confidence());
        o.set("timestampReasons", MAPPER.valueToTree(s.timestamp().reasons()));
        o.put(
                "normalizedFormat",
                r.normalizedFormat() == null ? null : r.normalizedFormat().id());
        if (s.dialect() != null) {
            o.set("dialect", MAPPER.valueToTree(s.dialect()));
        }
        if (!s.sheets().isEmpty()) {
            o.set("sheets", MAPPER.valueToTree(s.sheets()));
        }
        ArrayNode columns = o.putArray("columns");
        for (ColumnSchema c : s.columns()) {
            ObjectNode col = columns.addObject();
            col.put("name", c.name());
            col.put("druidName", c.druidName());
            col.put("type", c.type().name());
            col.put("role", c.role().name());
            if (c.timestampFormat() != null) {
                col.put("timestampFormat", c.timestampFormat());
            }
            col.put("multiValue", c.multiValue());
            col.put("nulls", c.profile().nulls());
            col.put("invalid", c.profile().invalid());
            col.put("approxDistinct", c.profile().approxDistinct());
            col.put("min", c.profile().min());
            col.put("max", c.profile().max());
            col.put("reason", c.reason());
        }
        ArrayNode problems = o.putArray("problems");
        for (RowProblem p : report.problems()
                .subList(0, Math.min(CLI_PROBLEMS, report.problems().size()))) {
            problems.add(MAPPER.valueToTree(p));
        }
        return o;
    }

    /** The line printed for a file that could not be read. */
    public static ObjectNode error(String file, String message) {
        ObjectNode o = MAPPER.getNodeFactory().objectNode();
        o.put("file", file);
        o.put("error", message);
        return o;
    }
}
