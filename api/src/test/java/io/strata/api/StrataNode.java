package io.strata.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.springframework.core.env.Environment;

/**
 * Another Strata node: the built application ({@code api/target/strata.jar}, as {@code java -jar} runs it in
 * production) in its own JVM, configured like the test's own node to use the same Druid, S3, Kafka and PostgreSQL.
 * Its output goes to a log file, whose tail failures quote.
 */
final class StrataNode implements AutoCloseable {

    /** Set by failsafe (api/pom.xml): the executable jar the {@code package} phase built before the ITs. */
    static final String JAR_PROPERTY = "strata.test.application-jar";

    private static final List<String> SHARED_PROPERTIES = List.of(
            "strata.druid.coordinator-url",
            "strata.druid.broker-url",
            "strata.s3.endpoint",
            "strata.s3.region",
            "strata.s3.access-key",
            "strata.s3.secret-key",
            "strata.s3.path-style-access",
            "strata.s3.bucket",
            "strata.kafka.bootstrap-servers",
            "spring.r2dbc.url",
            "spring.r2dbc.username",
            "spring.r2dbc.password",
            "spring.flyway.url",
            "spring.flyway.user",
            "spring.flyway.password");

    private final Process process;
    private final Path log;
    private final int port;

    private StrataNode(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a node with the endpoints of {@code like} (the test's application context) plus {@code properties}, and
     * returns once its readiness probe answers UP.
     */
    static StrataNode start(Environment like, Map<String, String> properties, Duration timeout) {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no Strata application jar at " + JAR_PROPERTY + "=" + jar + ": run this "
                    + "test through Maven's verify phase (failsafe), which packages api/target/strata.jar first");
        }
        int port = freePort();
        Path log = Path.of("target", "strata-node-" + port + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-jar",
                jar,
                "--server.port=" + port,
                "--strata.stack.enabled=false",
                "--strata.sql.postgres.port=0",
                "--spring.main.banner-mode=off"));
        for (String name : SHARED_PROPERTIES) {
            command.add("--" + name + "=" + like.getRequiredProperty(name));
        }
        properties.forEach((name, value) -> command.add("--" + name + "=" + value));
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + String.join(" ", command), e);
        }
        StrataNode node = new StrataNode(process, log, port);
        try {
            node.awaitReady(timeout);
        } catch (RuntimeException | AssertionError e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Awaitility.await("the second Strata node on port " + port + " to be ready (log: " + log + ")")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the second Strata node exited with " + process.exitValue()
                                + " before it was ready; last lines of " + log + ":\n" + tail(40));
                    }
                    try {
                        return http.send(
                                                HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                                                + "/actuator/health/readiness"))
                                                        .timeout(Duration.ofSeconds(5))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** {@code kill -9}: the JVM gets no chance to finish, abort or record anything. Returns once it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node pid " + process.pid() + " did not die within 30 s of SIGKILL");
        }
    }

    int exitValue() {
        return process.exitValue();
    }

    /** The last lines of the node's log, for failure messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
