package io.strata.specs.cli;

import io.strata.schema.ColumnType;
import io.strata.specs.InvalidSpecException;
import io.strata.specs.generate.IngestMode;
import io.strata.specs.generate.InputLocation;
import io.strata.specs.model.Granularity;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parsed command line of {@link SpecCommand}. Column names are kept as typed (original or Druid-safe name);
 * they are resolved against the detected schema later.
 *
 * @param file the data file
 * @param dataSource the target datasource
 * @param timestampColumn forced primary timestamp column, or null
 * @param timestampFormat its Druid format, or null to detect it
 * @param types forced column types, by column name
 * @param dimensions columns forced to be dimensions
 * @param metrics columns forced to be summed metrics
 * @param exclude columns not to ingest
 * @param rollup forced rollup, or null
 * @param queryGranularity forced query granularity, or null
 * @param segmentGranularity forced segment granularity, or null
 * @param mode append or replace, or null for replace
 * @param input where Druid reads the file, or null for the file itself on the local disk
 * @param writeNormalized where to write the normalized copy when Druid cannot read the file as it is, or null
 * @param maxParseExceptions forced parse-error budget, or null
 * @param sheet the XLSX sheet to read, or null
 * @param sql print the MSQ statement instead of the JSON task
 * @param explain print the decisions instead of the spec
 * @param help print the usage
 */
record SpecArguments(
        Path file,
        String dataSource,
        String timestampColumn,
        String timestampFormat,
        Map<String, ColumnType> types,
        List<String> dimensions,
        List<String> metrics,
        List<String> exclude,
        Boolean rollup,
        Granularity queryGranularity,
        Granularity segmentGranularity,
        IngestMode mode,
        InputLocation input,
        Path writeNormalized,
        Integer maxParseExceptions,
        String sheet,
        boolean sql,
        boolean explain,
        boolean help) {

    /** A command line that cannot be understood; the message names the option and the value. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    SpecArguments {
        types = Map.copyOf(types);
        dimensions = List.copyOf(dimensions);
        metrics = List.copyOf(metrics);
        exclude = List.copyOf(exclude);
    }

    /**
     * Parses the arguments after the {@code spec} verb.
     *
     * @throws UsageException for unknown options, missing or malformed values, or a missing file or datasource
     */
    static SpecArguments parse(List<String> args) {
        Parser p = new Parser(args);
        return p.parse();
    }

    private static final class Parser {
        private final List<String> args;
        private int i;
        private Path file;
        private String dataSource;
        private String timestampColumn;
        private String timestampFormat;
        private final Map<String, ColumnType> types = new LinkedHashMap<>();
        private final List<String> dimensions = new ArrayList<>();
        private final List<String> metrics = new ArrayList<>();
        private final List<String> exclude = new ArrayList<>();
        private Boolean rollup;
        private Granularity queryGranularity;
        private Granularity segmentGranularity;
        private IngestMode mode;
        private InputLocation input;
        private Path writeNormalized;
        private Integer maxParseExceptions;
        private String sheet;
        private boolean sql;
        private boolean explain;

        Parser(List<String> args) {
            this.args = List.copyOf(args);
        }

        SpecArguments parse() {
            for (i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "-h", "--help" -> {
                        return build(true);
                    }
                    case "--datasource" -> dataSource = value(a);
                    case "--timestamp" -> {
                        String v = value(a);
                        int eq = v.indexOf('=');
                        timestampColumn = eq < 0 ? v : v.substring(0, eq);
                        timestampFormat = eq < 0 ? null : v.substring(eq + 1);
                        if (timestampColumn.isEmpty() || (timestampFormat != null && timestampFormat.isEmpty())) {
                            throw new UsageException("--timestamp needs COLUMN or COLUMN=FORMAT, got [" + v + "]");
                        }
                    }
                    case "--type" -> type(value(a));
                    case "--dimension" -> dimensions.add(value(a));
                    case "--metric" -> metrics.add(value(a));
                    case "--exclude" -> exclude.add(value(a));
                    case "--rollup" -> rollup = bool(a, value(a));
                    case "--query-granularity" -> queryGranularity = granularity(a, value(a));
                    case "--segment-granularity" -> segmentGranularity = granularity(a, value(a));
                    case "--mode" -> mode = mode(value(a));
                    case "--input" -> input = input(value(a));
                    case "--write-normalized" -> writeNormalized = path(a, value(a));
                    case "--max-parse-exceptions" -> maxParseExceptions = count(a, value(a));
                    case "--sheet" -> sheet = value(a);
                    case "--format" -> sql = format(value(a));
                    case "--explain" -> explain = true;
                    default -> {
                        if (a.startsWith("-") && a.length() > 1) {
                            throw new UsageException("unknown option " + a);
                        }
                        if (file != null) {
                            throw new UsageException("one FILE only; got [" + file + "] and [" + a + "]");
                        }
                        file = path("FILE", a);
                    }
                }
            }
            if (file == null) {
                throw new UsageException("no FILE given");
            }
            if (dataSource == null || dataSource.isBlank()) {
                throw new UsageException("--datasource NAME is required");
            }
            return build(false);
        }

        private SpecArguments build(boolean help) {
            return new SpecArguments(
                    file,
                    dataSource,
                    timestampColumn,
                    timestampFormat,
                    types,
                    dimensions,
                    metrics,
                    exclude,
                    rollup,
                    queryGranularity,
                    segmentGranularity,
                    mode,
                    input,
                    writeNormalized,
                    maxParseExceptions,
                    sheet,
                    sql,
                    explain,
                    help);
        }

        private String value(String option) {
            i++;
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new UsageException(option + " needs a value");
            }
            return args.get(i);
        }

        private void type(String v) {
            int eq = v.indexOf('=');
            if (eq <= 0 || eq == v.length() - 1) {
                throw new UsageException("--type needs COLUMN=TYPE, got [" + v + "]");
            }
            String name = v.substring(eq + 1).toUpperCase(Locale.ROOT);
            try {
                types.put(v.substring(0, eq), ColumnType.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--type " + v + ": unknown type [" + v.substring(eq + 1)
                        + "]; expected string, long, double, boolean or timestamp");
            }
        }

        private static Boolean bool(String option, String v) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new UsageException(option + " needs true or false, got [" + v + "]");
            };
        }

        private static Granularity granularity(String option, String v) {
            try {
                return Granularity.of(v);
            } catch (InvalidSpecException e) {
                throw new UsageException(option + ": " + e.getMessage());
            }
        }

        private static IngestMode mode(String v) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "append" -> IngestMode.APPEND;
                case "replace" -> IngestMode.REPLACE;
                default -> throw new UsageException("--mode needs append or replace, got [" + v + "]");
            };
        }

        private static InputLocation input(String v) {
            if (!v.startsWith("s3://")
                    && !v.startsWith("http://")
                    && !v.startsWith("https://")
                    && !v.startsWith("local:")) {
                throw new UsageException(
                        "--input needs s3://BUCKET/KEY, http(s)://URL, local:PATH or local:DIR:FILTER, got [" + v
                                + "]");
            }
            try {
                return InputLocation.parse(v);
            } catch (InvalidSpecException e) {
                throw new UsageException("--input: " + e.getMessage());
            }
        }

        private static boolean format(String v) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "json" -> false;
                case "sql" -> true;
                default -> throw new UsageException("--format needs json or sql, got [" + v + "]");
            };
        }

        private static Integer count(String option, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new UsageException(option + " needs a whole number >= 0, got [" + v + "]");
            }
        }

        private static Path path(String what, String v) {
            try {
                return Path.of(v);
            } catch (InvalidPathException e) {
                throw new UsageException(what + ": invalid path [" + v + "]");
            }
        }
    }
}
