package io.strata.api;

import java.io.PrintStream;
import java.util.List;

/** The command-line verbs of {@code strata.jar} that run without the server. */
final class Commands {

    private Commands() {}

    static int run(String command, List<String> args, PrintStream out, PrintStream err) {
        switch (command) {
            default -> {
                err.println("unknown command '" + command + "'. Usage:\n"
                        + "  java -jar strata.jar                 start the server (and the local stack when no"
                        + " endpoints are configured)\n"
                        + "  java -jar strata.jar stack           run only the local stack\n");
                return 2;
            }
        }
    }
}
