package io.strata.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for machines where none answers: the machine's own PostgreSQL binaries (Debian's
 * {@code postgresql} package, or {@code strata.stack.postgres.bin-dir}) run as a child process over a data
 * directory under the stack's home, listening on the configured port of the loopback interface only.
 *
 * <p>PostgreSQL refuses to run as root; when this JVM is root the server runs as the {@code postgres} system
 * user (through {@code runuser}), which must be able to reach the stack's home.
 */
final class PostgresServer {

    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);

    private final StackSettings settings;
    private final Path binDirectory;
    private final Path root;

    private PostgresServer(StackSettings settings, Path binDirectory) {
        this.settings = settings;
        this.binDirectory = binDirectory;
        this.root = settings.home().resolve("postgres");
    }

    /**
     * Finds the binaries to run a server with.
     *
     * @throws StackException saying what to install or configure when there are none
     */
    static PostgresServer locate(StackSettings settings) {
        return binaries(settings.postgresBinDirectory())
                .map(bin -> new PostgresServer(settings, bin))
                .orElseThrow(() -> new StackException("no PostgreSQL answers at " + settings.postgresHost() + ":"
                        + settings.postgresPort() + " and no PostgreSQL binaries were found to start one: install "
                        + "PostgreSQL (e.g. Debian's 'postgresql' package), set strata.stack.postgres.bin-dir to the "
                        + "directory holding 'postgres' and 'initdb', or point spring.r2dbc.url at your server"));
    }

    static Optional<Path> binaries(Path configured) {
        if (configured != null) {
            return hasServer(configured) ? Optional.of(configured) : Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing(PostgresServer::majorVersion)
                                .reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        candidates.add(Path.of("/usr/local/pgsql/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(":")) {
                candidates.add(Path.of(entry));
            }
        }
        return candidates.stream().filter(PostgresServer::hasServer).findFirst();
    }

    private static int majorVersion(Path bin) {
        String name = bin.getParent().getFileName().toString();
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    private static boolean hasServer(Path bin) {
        return Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("initdb"));
    }

    /** Creates the cluster when the data directory has none, and returns the server process, not yet started. */
    ServiceProcess prepare() {
        Path data = root.resolve("data");
        try {
            Files.createDirectories(root);
            stopStale(data);
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                giveToServerUser();
                List<String> initdb = new ArrayList<>(asServerUser());
                initdb.addAll(List.of(
                        binDirectory.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        settings.postgresUser(),
                        "--auth=trust",
                        "--encoding=UTF8",
                        "--no-locale",
                        "--no-instructions"));
                new ServiceProcess(
                                "postgres-initdb",
                                initdb,
                                root,
                                settings.logDirectory().resolve("postgres.log"))
                        .runToCompletion(INITDB_TIMEOUT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + root, e);
        }
        List<String> server = new ArrayList<>(asServerUser());
        server.addAll(List.of(
                binDirectory.resolve("postgres").toString(),
                "-D",
                data.toString(),
                "-p",
                Integer.toString(settings.postgresPort()),
                "-k",
                root.toString(),
                "-c",
                "listen_addresses=" + settings.postgresHost()));
        return new ServiceProcess(
                "postgres", server, root, settings.logDirectory().resolve("postgres.log"));
    }

    /** A server a crashed run left behind holds the data directory's lock file; it is ours to stop. */
    private static void stopStale(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream()
                .findFirst()
                .orElse("")
                .trim();
        if (first.matches("\\d+")) {
            ProcessHandle.of(Long.parseLong(first))
                    .filter(p -> p.info()
                            .commandLine()
                            .map(c -> c.contains(data.toString()))
                            .orElse(false))
                    .ifPresent(p -> ServiceProcess.terminate(p, Duration.ofSeconds(20)));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser() {
        return isRoot() ? List.of("runuser", "-u", "postgres", "--") : List.of();
    }

    private void giveToServerUser() {
        if (isRoot()) {
            new ServiceProcess(
                            "postgres-chown",
                            List.of("chown", "-R", "postgres:postgres", root.toString()),
                            root,
                            settings.logDirectory().resolve("postgres.log"))
                    .runToCompletion(Duration.ofSeconds(30));
        }
    }
}
