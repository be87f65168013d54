package io.strata.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the local stack keeps its state, which ports it uses and what it runs.
 *
 * <p>Ports are laid out from one base port so two stacks (a developer's and a test run's) never collide: base+0
 * ZooKeeper, +1 Druid coordinator/overlord, +2 broker, +3 historical, +4 indexer, +5 S3, +6 Kafka, +7 Kafka
 * controller, +8 Druid's Derby metadata store.
 *
 * @param home the one directory holding every service's configuration, data and log file
 * @param basePort first port of the block described above
 * @param components which services to run; the others are expected to be configured externally
 * @param fresh start from nothing (tests): delete {@code home} and drop the database, instead of keeping data across restarts
 * @param mavenRepository the local Maven repository holding the services' jars
 * @param javaExecutable the {@code java} binary that runs the services
 * @param postgresHost host of the PostgreSQL server to use
 * @param postgresPort its port
 * @param postgresUser a user that may create databases (trust authentication)
 * @param postgresDatabase the database Strata uses, created when missing; by default the stack's own (see
 *     {@link StackDatabase}), so two stacks on one machine never share metadata
 * @param postgresBinDirectory where the {@code postgres} and {@code initdb} binaries are, for starting a private
 *     server when none answers at the address above; null to look in the usual places
 * @param startTimeout how long the whole stack may take to become ready
 * @param memory each service's heap and direct memory, and the Druid indexer's task slots
 */
public record StackSettings(
        Path home,
        int basePort,
        Set<Component> components,
        boolean fresh,
        Path mavenRepository,
        Path javaExecutable,
        String postgresHost,
        int postgresPort,
        String postgresUser,
        String postgresDatabase,
        Path postgresBinDirectory,
        Duration startTimeout,
        StackMemory memory) {

    public static final String S3_ACCESS_KEY = "strata";
    public static final String S3_SECRET_KEY = "strata-local-secret";
    public static final String S3_REGION = "us-east-1";
    public static final String DEEP_STORAGE_BUCKET = "strata-druid";

    public StackSettings {
        home = home.toAbsolutePath().normalize();
        if (basePort < 1024 || basePort > 65_000) {
            throw new IllegalArgumentException("basePort must be between 1024 and 65000: " + basePort);
        }
        components = components.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(components));
        if (components.contains(Component.DRUID) && !components.contains(Component.S3)) {
            throw new IllegalArgumentException(
                    "the local Druid keeps its segments in the local S3 store: " + "run component S3 with DRUID");
        }
    }

    /**
     * Settings read from a property lookup (system properties, environment or Spring's environment), falling
     * back to the defaults: state under {@code ./.strata/stack}, base port 18100, every component.
     *
     * <p>Keys: {@code strata.stack.home}, {@code strata.stack.base-port}, {@code strata.stack.fresh},
     * {@code strata.stack.maven-repository}, {@code strata.stack.java-home}, {@code strata.stack.postgres.host},
     * {@code strata.stack.postgres.port}, {@code strata.stack.postgres.user}, {@code strata.stack.postgres.database},
     * {@code strata.stack.postgres.bin-dir}, {@code strata.stack.start-timeout} (seconds), and the memory keys of
     * {@link StackMemory#from}.
     */
    public static StackSettings from(Function<String, String> lookup, Set<Component> components) {
        Function<String, String> get = key -> {
            String value = lookup.apply(key);
            return value == null || value.isBlank() ? null : value.trim();
        };
        String javaHome = orDefault(get.apply("strata.stack.java-home"), System.getProperty("java.home"));
        String repository = get.apply("strata.stack.maven-repository");
        String postgresBin = get.apply("strata.stack.postgres.bin-dir");
        Path home = Path.of(orDefault(get.apply("strata.stack.home"), ".strata/stack"));
        return new StackSettings(
                home,
                Integer.parseInt(orDefault(get.apply("strata.stack.base-port"), "18100")),
                components,
                Boolean.parseBoolean(orDefault(get.apply("strata.stack.fresh"), "false")),
                repository != null ? Path.of(repository) : MavenRepository.locate(),
                Path.of(javaHome, "bin", "java"),
                orDefault(get.apply("strata.stack.postgres.host"), "127.0.0.1"),
                Integer.parseInt(orDefault(get.apply("strata.stack.postgres.port"), "5432")),
                orDefault(get.apply("strata.stack.postgres.user"), "postgres"),
                orDefault(get.apply("strata.stack.postgres.database"), StackDatabase.nameFor(home)),
                postgresBin != null ? Path.of(postgresBin) : null,
                Duration.ofSeconds(Long.parseLong(orDefault(get.apply("strata.stack.start-timeout"), "180"))),
                StackMemory.from(get));
    }

    public int zookeeperPort() {
        return basePort;
    }

    public int coordinatorPort() {
        return basePort + 1;
    }

    public int brokerPort() {
        return basePort + 2;
    }

    public int historicalPort() {
        return basePort + 3;
    }

    public int indexerPort() {
        return basePort + 4;
    }

    public int s3Port() {
        return basePort + 5;
    }

    public int kafkaPort() {
        return basePort + 6;
    }

    public int kafkaControllerPort() {
        return basePort + 7;
    }

    public int derbyPort() {
        return basePort + 8;
    }

    /** The marker every child process carries on its command line, so a stale stack can be found and stopped. */
    String processMarker() {
        return "-Dstrata.stack.home=" + home;
    }

    Path logDirectory() {
        return home.resolve("log");
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT, "StackSettings[home=%s, basePort=%d, components=%s]", home, basePort, components);
    }
}
