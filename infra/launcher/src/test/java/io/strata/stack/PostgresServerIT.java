package io.strata.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresServerIT {

    // Under target/, not a @TempDir: when the build runs as root the server runs as the 'postgres' user, which
    // cannot enter the owner-only directories JUnit creates.
    private final Path home = Path.of("target", "postgres-server-it").toAbsolutePath();

    @Test
    void startsAPrivateServerWhenNoneAnswersAndStopsItWithTheStack() throws Exception {
        int port = 28_990;
        assertThat(Readiness.tcp("127.0.0.1", port))
                .as("port %d must be free", port)
                .isFalse();
        StackSettings settings = StackSettings.from(
                Map.of(
                        "strata.stack.home", home.toString(),
                        "strata.stack.base-port", LocalStackIT.port(30),
                        "strata.stack.fresh", "true",
                        "strata.stack.postgres.port", Integer.toString(port),
                        "strata.stack.postgres.database", "strata_private")::get,
                EnumSet.of(Component.POSTGRES));

        try (LocalStack stack = LocalStack.start(settings)) {
            StackEndpoints endpoints = stack.endpoints();
            try (Connection connection =
                            DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.postgresUser(), "");
                    ResultSet result =
                            connection.createStatement().executeQuery("SELECT current_database(), version()")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("strata_private");
                assertThat(result.getString(2)).startsWith("PostgreSQL");
            }
            assertThat(serverProcesses())
                    .as("the server runs as a child of this JVM")
                    .isPositive();
        }

        assertThat(Readiness.tcp("127.0.0.1", port)).isFalse();
        assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info()
                                .commandLine()
                                .map(c -> c.contains(home.resolve("postgres").toString()))
                                .orElse(false))
                        .count())
                .as("processes left behind")
                .isZero();
    }

    private long serverProcesses() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains(home.resolve("postgres/data").toString()))
                        .orElse(false))
                .count();
    }
}
