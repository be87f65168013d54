package io.strata.api;

import io.strata.schema.cli.DetectCommand;
import io.strata.specs.cli.SpecCommand;
import java.io.PrintStream;
import java.util.List;

/**
 * The command-line verbs of {@code strata.jar} that run without the server: they start no service and open no
 * network connection, so scripts can call them on any machine.
 */
final class Commands {

    static final String USAGE =
            """
            usage:
              java -jar strata.jar [--server.port=N ...]   start the server (and the local stack when no
                                                          external endpoints are configured)
              java -jar strata.jar stack                   run only the local stack (Druid, S3, Kafka, PostgreSQL)
              java -jar strata.jar detect FILE...          detect and validate files; one JSON line per file
              java -jar strata.jar spec FILE --datasource NAME [--explain] [overrides]
                                                          the Druid ingestion spec Strata would submit
              java -jar strata.jar help                    this text
            Each command accepts --help.
            """;

    private Commands() {}

    /** Runs {@code command} with {@code args}; returns the process exit status. */
    static int run(String command, List<String> args, PrintStream out, PrintStream err) {
        return switch (command) {
            case "detect" -> DetectCommand.run(args, out, err);
            case "spec" -> SpecCommand.run(args, out, err);
            case "help", "--help", "-h" -> {
                out.print(USAGE);
                yield 0;
            }
            default -> {
                err.println("unknown command '" + command + "'");
                err.print(USAGE);
                yield 2;
            }
        };
    }
}
