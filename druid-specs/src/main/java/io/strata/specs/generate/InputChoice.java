package io.strata.specs.generate;

import io.strata.schema.ColumnSchema;
import io.strata.schema.DetectionResult;
import io.strata.schema.FileFormat;
import io.strata.schema.TextDialect;
import io.strata.specs.InvalidSpecException;
import io.strata.specs.model.CsvInputFormat;
import io.strata.specs.model.DelimitedInputFormat;
import io.strata.specs.model.FlattenSpec;
import io.strata.specs.model.InputFormat;
import io.strata.specs.model.InputSource;
import io.strata.specs.model.JsonInputFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which file Druid reads (original or normalized copy), from where, and how it parses it.
 *
 * @param normalized true when Druid reads the normalized copy written by the schema module
 */
record InputChoice(InputSource source, InputFormat format, boolean normalized, FileFormat fileFormat) {

    static InputChoice choose(DetectionResult detection, SpecOptions options, List<Decision> decisions) {
        FileFormat original = detection.schema().format();
        FileFormat normalizedFormat = detection.normalizedFormat();
        boolean normalized = options.readNormalized() != null ? options.readNormalized() : normalizedFormat != null;
        if (!normalized && normalizedFormat != null) {
            throw InvalidSpecException.of(
                    "Druid cannot read the original %s file [%s]; read the normalized %s copy instead",
                    original.id(), detection.file(), normalizedFormat.id());
        }
        if (normalized && normalizedFormat == null) {
            throw InvalidSpecException.of(
                    "there is no normalized copy of [%s]: Druid reads the original %s file as it is",
                    detection.file(), original.id());
        }
        if (normalized && options.input() == null) {
            throw InvalidSpecException.of(
                    "Druid reads the normalized %s copy of [%s]; give its location (input option)",
                    normalizedFormat.id(), detection.file());
        }
        FileFormat read = normalized ? normalizedFormat : original;
        InputLocation location = options.input() != null
                ? options.input()
                : new InputLocation.Local(
                        Path.of(detection.file()).toAbsolutePath().normalize().toString());
        decisions.add(new Decision(
                "inputSource",
                location.toInputSource().typeName() + " " + describe(location),
                options.input() != null ? "given by option" : "the detected file, read from the Druid workers' disk"));
        InputFormat format = format(detection, read, normalized, decisions);
        decisions.add(new Decision(
                "inputFormat",
                format.typeName(),
                normalized
                        ? "Druid reads the normalized " + read.id() + " copy: Druid cannot read the original "
                                + original.id() + " file as it is"
                        : "Druid reads the original " + original.id() + " file"));
        return new InputChoice(location.toInputSource(), format, normalized, read);
    }

    private static InputFormat format(
            DetectionResult detection, FileFormat read, boolean normalized, List<Decision> decisions) {
        List<ColumnSchema> columns = detection.schema().columns();
        List<String> names = columns.stream().map(ColumnSchema::druidName).toList();
        TextDialect dialect = normalized ? null : detection.schema().dialect();
        // Explicit druidNames instead of findColumnsFromHeader: the header holds the original names, which may
        // differ from the Druid-safe ones the rest of the spec uses.
        Integer skipHeader = dialect == null || dialect.header() ? 1 : null;
        return switch (read) {
            case CSV -> dialect == null || dialect.delimiter() == ','
                    ? new CsvInputFormat(names, null, null, skipHeader)
                    : new DelimitedInputFormat(names, String.valueOf(dialect.delimiter()), null, null, skipHeader);
            case TSV -> new DelimitedInputFormat(
                    names,
                    dialect == null || dialect.delimiter() == '\t' ? null : String.valueOf(dialect.delimiter()),
                    null,
                    null,
                    skipHeader);
            case JSONL -> new JsonInputFormat(normalized ? null : flatten(columns, decisions), null, null, null, null);
            default -> throw InvalidSpecException.of(
                    "Druid cannot read %s files directly; use the normalized copy", read.id());
        };
    }

    /** Path fields for nested JSON columns, whose druidName differs from their dotted name in the file. */
    private static FlattenSpec flatten(List<ColumnSchema> columns, List<Decision> decisions) {
        List<FlattenSpec.Field> fields = new ArrayList<>();
        for (ColumnSchema column : columns) {
            if (!column.name().equals(column.druidName())) {
                fields.add(FlattenSpec.Field.path(column.druidName(), jsonPath(column.name())));
            }
        }
        if (fields.isEmpty()) {
            return null;
        }
        decisions.add(new Decision(
                "flattenSpec",
                fields.size() + " path field(s)",
                "nested or renamed JSON fields are read by JSONPath into their Druid-safe names"));
        return new FlattenSpec(true, fields);
    }

    static String jsonPath(String dottedName) {
        StringBuilder path = new StringBuilder("$");
        for (String part : dottedName.split("\\.", -1)) {
            path.append("['")
                    .append(part.replace("\\", "\\\\").replace("'", "\\'"))
                    .append("']");
        }
        return path.toString();
    }

    private static String describe(InputLocation location) {
        if (location instanceof InputLocation.S3 s3) {
            return String.join(", ", s3.uris());
        }
        if (location instanceof InputLocation.Local local) {
            return local.path();
        }
        if (location instanceof InputLocation.LocalDirectory directory) {
            return directory.baseDir() + " " + directory.filter();
        }
        if (location instanceof InputLocation.Http http) {
            return String.join(", ", http.uris());
        }
        return "(" + ((InputLocation.Inline) location).data().length() + " characters inline)";
    }
}
