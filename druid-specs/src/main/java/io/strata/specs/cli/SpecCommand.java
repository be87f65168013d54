package io.strata.specs.cli;

import io.strata.schema.ColumnSchema;
import io.strata.schema.DatasetSchema;
import io.strata.schema.DetectionOptions;
import io.strata.schema.DetectionResult;
import io.strata.schema.SchemaException;
import io.strata.specs.InvalidSpecException;
import io.strata.specs.SpecJson;
import io.strata.specs.cli.SpecArguments.UsageException;
import io.strata.specs.generate.Decision;
import io.strata.specs.generate.GeneratedSpec;
import io.strata.specs.generate.InputLocation;
import io.strata.specs.generate.SpecGenerator;
import io.strata.specs.generate.SpecOptions;
import io.strata.specs.sql.MsqRenderer;
import io.strata.specs.sql.SqlIngestion;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code spec FILE --datasource NAME [options]}: detects the file's schema and prints the Druid {@code index_parallel}
 * task for it, or its SQL (MSQ) form, or the decisions behind it. Starts no service and talks to no server; the
 * printed task reads the file from the local disk unless {@code --input} says otherwise, so it can be POSTed as it
 * is to a Druid running on the same machine.
 *
 * <p>Exit status: 0 when the spec (or explanation) was printed; 1 when the file cannot be read, its rows are over
 * the error budget, or no valid spec follows from it and the options (the message on stderr names the file and
 * what to do); 2 for a usage error. Blocking: reads the whole file on the caller's thread.
 */
public final class SpecCommand {

    static final String USAGE =
            """
            usage: spec FILE --datasource NAME [options]
              Prints the Druid ingestion task for FILE (schema detection included); starts no service.
              --datasource NAME             target datasource (required)
              --timestamp COLUMN[=FORMAT]   primary timestamp column, optionally with its Druid format
                                            (iso, auto, posix, millis, micro, nano, or a Joda pattern)
              --type COLUMN=TYPE            force a column's type: string, long, double, boolean, timestamp
              --dimension COLUMN            ingest COLUMN as a dimension (repeatable)
              --metric COLUMN               sum COLUMN as a metric (repeatable)
              --exclude COLUMN              do not ingest COLUMN (repeatable)
              --rollup true|false           force rollup on or off
              --query-granularity G         force the stored time resolution (NONE, SECOND, MINUTE, HOUR, DAY, ...)
              --segment-granularity G       force the time chunk size (HOUR, DAY, MONTH, YEAR, ...)
              --mode append|replace         add to the datasource, or replace the file's time chunks (default)
              --input LOCATION              where Druid reads the data: s3://BUCKET/KEY (a KEY ending in / is a
                                            prefix), http(s)://URL, local:PATH or local:DIR:FILTER
                                            (default: FILE itself on this machine's disk)
              --write-normalized PATH       when Druid cannot read FILE as it is, write the normalized JSON Lines
                                            copy to PATH; the spec reads it (from --input if given, else PATH)
              --max-parse-exceptions N      rows Druid may skip as unparseable (default: from the validation)
              --sheet NAME                  XLSX sheet to read
              --format json|sql             the JSON task (default), or the equivalent SQL INSERT/REPLACE (MSQ)
              --explain                     print each decision with its reason instead of the spec
              -h, --help                    print this help
            """;

    private SpecCommand() {}

    public static void main(String[] args) {
        // UTF-8 whatever the platform's default: explanations use an em dash, file names may be non-ASCII.
        System.exit(run(
                Arrays.asList(args),
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8),
                new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8)));
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after the {@code spec} verb
     * @param out where the spec, the SQL or the explanation is printed
     * @param err where errors and notes are printed
     * @return the exit status: 0 ok, 1 file, detection or spec error, 2 usage error
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        SpecArguments arguments;
        try {
            arguments = SpecArguments.parse(args);
        } catch (UsageException e) {
            err.println("spec: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (arguments.help()) {
            out.print(USAGE);
            return 0;
        }
        String file = arguments.file().toString();
        if (Files.isDirectory(arguments.file())) {
            return fail(err, file + ": is a directory; give one data file");
        }
        try {
            Detected detected = Detected.run(arguments, detectionOptions(arguments), err);
            DetectionResult detection = detected.result();
            if (!detection.report().withinBudget() && arguments.maxParseExceptions() == null) {
                return fail(
                        err,
                        file + ": " + detection.report().verdict() + "; see the bad rows with `detect " + file
                                + "`, fix them, or let Druid skip them with --max-parse-exceptions N");
            }
            GeneratedSpec spec = SpecGenerator.generate(detection, specOptions(arguments, detected));
            if (arguments.explain()) {
                explain(detection.schema(), spec, out);
            } else if (arguments.sql()) {
                SqlIngestion ingestion = MsqRenderer.render(spec);
                if (!ingestion.context().isEmpty()) {
                    out.println("-- query context: "
                            + SpecJson.mapper()
                                    .writer()
                                    .without(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                                    .writeValueAsString(ingestion.context()));
                }
                out.println(ingestion.sql());
            } else {
                out.println(SpecJson.write(spec.task()));
            }
            out.flush();
            return 0;
        } catch (NoSuchFileException e) {
            return fail(err, file + ": no such file; check the path");
        } catch (AccessDeniedException e) {
            return fail(err, file + ": permission denied; make the file readable");
        } catch (IOException e) {
            return fail(err, file + ": cannot read the file: " + e.getMessage());
        } catch (UncheckedIOException e) {
            return fail(err, file + ": cannot read the file: " + e.getCause().getMessage());
        } catch (SchemaException e) {
            // The message already starts with the file name.
            return fail(err, e.getMessage());
        } catch (IllegalArgumentException e) {
            // InvalidSpecException from the generator, or an option the detector rejects.
            return fail(err, file + ": no valid spec: " + e.getMessage());
        } catch (RuntimeException e) {
            return fail(
                    err,
                    file + ": unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "; please report it with the file");
        }
    }

    private static int fail(PrintStream err, String message) {
        err.println("spec: " + message);
        err.flush();
        return 1;
    }

    private static DetectionOptions detectionOptions(SpecArguments a) {
        return DetectionOptions.builder()
                .typeOverrides(a.types())
                .timestamp(a.timestampColumn(), a.timestampFormat())
                .sheet(a.sheet())
                .build();
    }

    private static SpecOptions specOptions(SpecArguments a, Detected detected) {
        DatasetSchema schema = detected.result().schema();
        for (String column : a.types().keySet()) {
            druidName(schema, column, "--type");
        }
        SpecOptions.Builder options = SpecOptions.builder(a.dataSource())
                .rollup(a.rollup())
                .queryGranularity(a.queryGranularity())
                .segmentGranularity(a.segmentGranularity())
                .mode(a.mode())
                .maxParseExceptions(a.maxParseExceptions())
                .dimensions(a.dimensions().stream()
                        .map(c -> druidName(schema, c, "--dimension"))
                        .toList())
                .metrics(a.metrics().stream()
                        .map(c -> druidName(schema, c, "--metric"))
                        .toList())
                .exclude(a.exclude().stream()
                        .map(c -> druidName(schema, c, "--exclude"))
                        .toList());
        if (a.timestampColumn() != null) {
            ColumnSchema column = schema.column(druidName(schema, a.timestampColumn(), "--timestamp"))
                    .orElseThrow();
            // A column detection typed TIMESTAMP already carries its format (iso in a normalized copy); a forced
            // format is only needed for columns it could not read as times, such as epoch numbers.
            boolean detectedAsTime = column.type() == io.strata.schema.ColumnType.TIMESTAMP;
            options.timestamp(column.druidName(), detectedAsTime ? null : a.timestampFormat());
        }
        InputLocation input = a.input();
        if (input == null && detected.normalizedCopy() != null) {
            input = new InputLocation.Local(
                    detected.normalizedCopy().toAbsolutePath().normalize().toString());
        }
        return options.input(input).build();
    }

    /** The druidName of the column named {@code name} (original or druidName) in the detected schema. */
    private static String druidName(DatasetSchema schema, String name, String option) {
        return schema.columns().stream()
                .filter(c -> c.druidName().equals(name))
                .findFirst()
                .or(() -> schema.columns().stream()
                        .filter(c -> c.name().equals(name))
                        .findFirst())
                .map(ColumnSchema::druidName)
                .orElseThrow(() -> InvalidSpecException.of(
                        "%s names [%s], which is not a column; the file's columns are %s",
                        option,
                        name,
                        schema.columns().stream().map(ColumnSchema::druidName).toList()));
    }

    private static void explain(DatasetSchema schema, GeneratedSpec spec, PrintStream out) {
        for (ColumnSchema c : schema.columns()) {
            out.println("column " + c.druidName() + ": "
                    + c.type().name().toLowerCase(Locale.ROOT) + " "
                    + c.role().name().toLowerCase(Locale.ROOT) + " \u2014 " + c.reason());
        }
        for (Decision d : spec.decisions()) {
            out.println(d.topic() + ": " + d.choice() + " \u2014 " + d.reason());
        }
    }
}
