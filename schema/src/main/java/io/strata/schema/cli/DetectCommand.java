package io.strata.schema.cli;

import io.strata.schema.DetectionOptions;
import io.strata.schema.DetectionResult;
import io.strata.schema.SchemaDetector;
import io.strata.schema.SchemaException;
import io.strata.schema.format.LibraryMessages;
import io.strata.schema.json.SchemaJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * {@code detect [options] FILE...}: detects and validates each file and prints one JSON object per file per line
 * (see {@link SchemaJson#summary}). A file that cannot be read gets {@code {"file": ..., "error": ...}} and the
 * others are still reported. Exit status: 0 when every file was read and is within its error budget, 1 when some
 * file could not be read or is over budget, 2 for a usage error.
 */
public final class DetectCommand {
    static final String USAGE =
            """
            usage: detect [options] FILE...
              --sheet NAME              XLSX sheet to read (default: all sheets, which must share a header)
              --null-tokens A,B,...     values read as null (default: empty, NA, N/A, null, NULL, NaN, -, ...)
              --max-bad-rows N          error budget: most bad rows allowed
              --max-bad-fraction F      error budget: largest fraction of bad rows, 0..1 (default 0.01)
              --inference-rows N        rows to infer types from (default 10000)
              --timestamp COLUMN[=FMT]  primary timestamp column, optionally with its Druid format
              --day-first               read ambiguous dates such as 03/04/2020 as 3 April
              --decimal-comma           numbers use a decimal comma
            """;

    private DetectCommand() {}

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs the command; returns the exit status. Blocking; prints as each file is done. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        DetectionOptions.Builder options = DetectionOptions.builder();
        List<String> files = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--sheet" -> options.sheet(value(args, ++i, a));
                    case "--null-tokens" -> options.nullTokens(
                            new HashSet<>(Arrays.asList(value(args, ++i, a).split(",", -1))));
                    case "--max-bad-rows" -> options.maxBadRows(Long.parseLong(value(args, ++i, a)));
                    case "--max-bad-fraction" -> options.maxBadFraction(Double.parseDouble(value(args, ++i, a)));
                    case "--inference-rows" -> options.inferenceRows(Integer.parseInt(value(args, ++i, a)));
                    case "--timestamp" -> {
                        String v = value(args, ++i, a);
                        int eq = v.indexOf('=');
                        options.timestamp(eq < 0 ? v : v.substring(0, eq), eq < 0 ? null : v.substring(eq + 1));
                    }
                    case "--day-first" -> options.dateOrder(DetectionOptions.DateOrder.DAY_FIRST);
                    case "--decimal-comma" -> options.decimalSeparator(',');
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        files.add(a);
                    }
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no file given");
            }
            SchemaDetector detector = SchemaDetector.create(options.build());
            boolean allGood = true;
            for (String file : files) {
                allGood &= detectOne(detector, file, out);
            }
            out.flush();
            return allGood ? 0 : 1;
        } catch (IllegalArgumentException e) {
            err.println("detect: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static boolean detectOne(SchemaDetector detector, String file, PrintStream out) {
        Path path = Path.of(file);
        try (InputStream in = Files.newInputStream(path)) {
            DetectionResult result = detector.detect(in, path.getFileName().toString());
            out.println(SchemaJson.toJson(SchemaJson.summary(file, result)));
            return result.report().withinBudget();
        } catch (NoSuchFileException e) {
            return error(out, file, "no such file: " + file);
        } catch (AccessDeniedException e) {
            return error(out, file, "permission denied: " + file);
        } catch (IOException e) {
            return error(out, file, "cannot read " + file + ": " + e.getMessage());
        } catch (SchemaException e) {
            return error(out, file, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            // One file's failure, whatever it is, never ends the run: the other files are still reported.
            return error(out, file, "cannot read " + file + ": " + unexpected(e));
        }
    }

    /**
     * What to tell about an unexpected failure, without Java names. Arrow's memory fails to start (a {@link
     * LinkageError} from then on) when the JVM does not open {@code java.nio}: {@code strata.jar} opens it itself.
     */
    private static String unexpected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("add-opens")) {
                return "reading Arrow files needs java.nio opened to Arrow: run java -jar strata.jar detect, or add"
                        + " --add-opens=java.base/java.nio=ALL-UNNAMED to the java command";
            }
        }
        if (e instanceof NoClassDefFoundError
                && e.getMessage() != null
                && e.getMessage().contains("arrow")) {
            return "reading Arrow files needs java.nio opened to Arrow: run java -jar strata.jar detect, or add"
                    + " --add-opens=java.base/java.nio=ALL-UNNAMED to the java command";
        }
        return "an unexpected error (" + LibraryMessages.clean(e.getMessage()) + ")";
    }

    private static boolean error(PrintStream out, String file, String message) {
        out.println(SchemaJson.toJson(SchemaJson.error(file, message)));
        return false;
    }
}
