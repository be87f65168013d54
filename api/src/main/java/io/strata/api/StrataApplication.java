package io.strata.api;

import io.strata.stack.LocalStackMain;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Strata's entry point: the server by default, or one of the commands that run without starting any service
 * ({@code stack} runs only the local stack).
 */
@SpringBootApplication(scanBasePackages = "io.strata")
@ConfigurationPropertiesScan("io.strata")
public class StrataApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && !args[0].startsWith("-")) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "stack" -> {
                    LocalStackMain.main(rest);
                    return;
                }
                default -> {
                    // Before any logger exists: a command's standard output is its JSON, logs go to standard error.
                    if (System.getProperty("logback.configurationFile") == null) {
                        System.setProperty("logback.configurationFile", "strata-commands-logback.xml");
                    }
                    int status = Commands.run(args[0], Arrays.asList(rest), System.out, System.err);
                    System.exit(status);
                }
            }
        }
        SpringApplication.run(StrataApplication.class, args);
    }
}
