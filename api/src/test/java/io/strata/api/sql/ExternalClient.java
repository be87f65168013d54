package io.strata.api.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a client program we did not write (psql, python3, node, curl, npm) and answers what it printed. */
final class ExternalClient {

    /** What a program printed and how it ended. */
    record Run(int exit, String out, String err) {
        Run ok() {
            assertThat(exit).as("exit status; stderr: %s; stdout: %s", err, out).isZero();
            return this;
        }
    }

    private ExternalClient() {}

    static Run run(List<String> command, Map<String, String> environment, File directory, Duration timeout) {
        try {
            Path out = Files.createTempFile("client", ".out");
            Path err = Files.createTempFile("client", ".err");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            if (directory != null) {
                builder.directory(directory);
            }
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(
                        command + " did not finish within " + timeout + "; stderr: " + Files.readString(err));
            }
            Run run = new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Run run(List<String> command, Map<String, String> environment) {
        return run(command, environment, null, Duration.ofMinutes(2));
    }

    /** psql (Debian's) with the token as password; {@code -X} ignores any psqlrc, {@code -v ON_ERROR_STOP=1}. */
    static Run psql(int port, String token, String sslmode, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(
                "psql",
                "-X",
                "-v",
                "ON_ERROR_STOP=1",
                "host=127.0.0.1 port=" + port + " dbname=strata user=bi sslmode=" + sslmode));
        command.addAll(List.of(arguments));
        return run(command, Map.of("PGPASSWORD", token, "PGCONNECT_TIMEOUT", "20"));
    }
}
