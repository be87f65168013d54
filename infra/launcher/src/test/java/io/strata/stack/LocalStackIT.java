package io.strata.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackIT {

    /** Ports beside the build's test stack ({@code strata.stack.base-port}), so parallel builds do not collide. */
    static String port(int offset) {
        return String.valueOf(Integer.getInteger("strata.stack.base-port", 28100) + offset);
    }

    @TempDir
    Path home;

    @Test
    void startsEveryServiceHealthyAndLeavesNoProcessBehind() throws Exception {
        StackSettings settings = StackSettings.from(
                Map.of(
                        "strata.stack.home", home.toString(),
                        "strata.stack.base-port", port(10),
                        "strata.stack.postgres.database", "strata_stack_it")::get,
                EnumSet.allOf(Component.class));
        HttpClient http = HttpClient.newHttpClient();
        try (LocalStack stack = LocalStack.start(settings)) {
            StackEndpoints endpoints = stack.endpoints();

            HttpResponse<String> sql = http.send(
                    HttpRequest.newBuilder(URI.create(endpoints.druidBrokerUrl() + "/druid/v2/sql"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"SELECT 1 + 1 AS two\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sql.statusCode()).isEqualTo(200);
            assertThat(sql.body()).contains("\"two\":2");

            assertThat(Readiness.http(endpoints.s3Endpoint(), -1)).isTrue();
            assertThat(Readiness.tcp("127.0.0.1", settings.kafkaPort())).isTrue();
            try (var connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.postgresUser(), "")) {
                assertThat(connection.isValid(2)).isTrue();
            }
            assertThat(Files.list(settings.logDirectory())
                            .map(p -> p.getFileName().toString()))
                    .contains(
                            "zookeeper.log",
                            "coordinator.log",
                            "broker.log",
                            "historical.log",
                            "indexer.log",
                            "kafka.log",
                            "s3proxy.log");
        }
        assertThat(processesOf(settings)).as("processes left behind").isZero();
        assertThat(Readiness.tcp("127.0.0.1", settings.brokerPort())).isFalse();
    }

    @Test
    void stopsAStackACrashedRunLeftBehind() throws Exception {
        StackSettings settings = StackSettings.from(
                Map.of("strata.stack.home", home.toString(), "strata.stack.base-port", port(20))::get,
                EnumSet.of(Component.S3));
        // A process carrying the stack's markers, as a crashed run would leave it.
        Path program = home.resolve("Orphan.java");
        Files.writeString(
                program,
                "public class Orphan { public static void main(String[] a) throws Exception {"
                        + " new java.util.concurrent.CountDownLatch(1).await(); } }");
        Process sleeper = new ProcessBuilder(
                        settings.javaExecutable().toString(),
                        settings.processMarker(),
                        "-Dstrata.stack.service=orphan",
                        program.toString())
                .start();
        assertThat(sleeper.isAlive()).isTrue();
        try (LocalStack stack = LocalStack.start(settings)) {
            assertThat(sleeper.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(Readiness.http(stack.endpoints().s3Endpoint(), -1)).isTrue();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    private static long processesOf(StackSettings settings) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains(settings.processMarker() + " "))
                        .orElse(false))
                .count();
    }
}
