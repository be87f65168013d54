package io.strata.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strata's local stack: Druid (with ZooKeeper), S3Proxy and Kafka as child processes of this JVM, and the
 * PostgreSQL server that answers on the machine. Started once, health-checked for real, stopped with
 * {@link #close()} or, at the latest, when this JVM exits.
 *
 * <p>A stack left behind by a crashed run is recognised by the marker on its processes' command lines (the
 * state directory) and stopped before a new one starts. ZooKeeper's state is discarded on every start (stale
 * sessions make the overlord redirect to itself); Druid's metadata and segments, S3 objects and Kafka's log
 * survive restarts unless {@link StackSettings#fresh()} is set.
 *
 * <p>Not thread-safe: one caller starts and stops it.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final String SERVICE_MARKER = "-Dstrata.stack.service=";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final StackSettings settings;
    private final List<ServiceProcess> started = new ArrayList<>();
    /** Processes stopped alone by a fault test, to be started again with the same command. */
    private final Map<StackProcess, ServiceProcess> stopped = new EnumMap<>(StackProcess.class);

    private final Supervisor supervisor = new Supervisor(RestartPolicy.DEFAULT, Clock.systemUTC());
    /** How to ask each running process whether it answers, as at start. */
    private final Map<StackProcess, BooleanSupplier> probes = new EnumMap<>(StackProcess.class);

    private final Thread shutdownHook;
    private StackEndpoints endpoints;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
        this.shutdownHook = new Thread(this::stopAll, "strata-stack-shutdown");
    }

    /**
     * Starts the components named in {@code settings} and returns once each answers its health check.
     *
     * @throws StackException naming the service, with the tail of its log, when one does not become ready
     */
    public static LocalStack start(StackSettings settings) {
        LocalStack stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public StackEndpoints endpoints() {
        return endpoints;
    }

    public StackSettings settings() {
        return settings;
    }

    private void startAll() {
        long began = System.nanoTime();
        long deadline = began + settings.startTimeout().toNanos();
        log.info("Starting the local stack {}", settings);
        stopStale();
        prepareHome();
        if (settings.components().contains(Component.POSTGRES)) {
            startPostgresUnlessOneAnswers(deadline);
            PostgresDatabase.ensure(settings);
        }
        S3ProxyService s3 = new S3ProxyService(settings);
        KafkaService kafka = new KafkaService(settings);
        DruidServices druid = new DruidServices(settings, s3.endpoint());

        ServiceProcess s3Process = null;
        if (settings.components().contains(Component.S3)) {
            s3.configure();
            s3Process = launch(s3.server(MavenRepository.classpath("s3proxy", settings.mavenRepository())));
        }
        ServiceProcess zookeeper = null;
        if (settings.components().contains(Component.DRUID)) {
            druid.configure(MavenRepository.classpath("druid", settings.mavenRepository()));
            zookeeper = launch(druid.zookeeper());
        }
        ServiceProcess kafkaProcess = null;
        if (settings.components().contains(Component.KAFKA)) {
            kafka.configure(MavenRepository.classpath("kafka", settings.mavenRepository()));
            kafkaProcess = launch(kafka.broker());
        }
        if (s3Process != null) {
            probes.put(StackProcess.S3, () -> Readiness.http(s3.endpoint(), -1));
            Readiness.await("S3Proxy at " + s3.endpoint(), probes.get(StackProcess.S3), s3Process, deadline);
        }
        if (zookeeper != null) {
            int zkPort = settings.zookeeperPort();
            probes.put(StackProcess.ZOOKEEPER, () -> Readiness.zookeeper(zkPort));
            Readiness.await("ZooKeeper on port " + zkPort, probes.get(StackProcess.ZOOKEEPER), zookeeper, deadline);
            startDruid(druid, deadline);
        }
        if (kafkaProcess != null) {
            int port = settings.kafkaPort();
            probes.put(StackProcess.KAFKA, () -> Readiness.tcp("127.0.0.1", port));
            Readiness.await("Kafka on port " + port, probes.get(StackProcess.KAFKA), kafkaProcess, deadline);
        }
        endpoints = new StackEndpoints(
                "http://127.0.0.1:" + settings.coordinatorPort(),
                "http://127.0.0.1:" + settings.brokerPort(),
                s3.endpoint(),
                StackSettings.S3_REGION,
                StackSettings.S3_ACCESS_KEY,
                StackSettings.S3_SECRET_KEY,
                kafka.bootstrapServers(),
                settings.postgresHost(),
                settings.postgresPort(),
                settings.postgresDatabase(),
                settings.postgresUser(),
                "");
        log.info(
                "Local stack ready in {} ms: {}",
                Duration.ofNanos(System.nanoTime() - began).toMillis(),
                endpoints);
    }

    private void startPostgresUnlessOneAnswers(long deadline) {
        if (Readiness.tcp(settings.postgresHost(), settings.postgresPort())) {
            return;
        }
        if (!isLoopback(settings.postgresHost())) {
            throw new StackException("no PostgreSQL answers at " + settings.postgresHost() + ":"
                    + settings.postgresPort() + "; the local stack starts one only on this machine's loopback "
                    + "address: start yours, or set strata.stack.postgres.host to 127.0.0.1");
        }
        log.info("No PostgreSQL answers on port {}: starting one under {}", settings.postgresPort(), settings.home());
        ServiceProcess postgres = launch(PostgresServer.locate(settings).prepare());
        probes.put(StackProcess.POSTGRES, () -> PostgresDatabase.answers(settings));
        Readiness.await(
                "PostgreSQL on port " + settings.postgresPort(), probes.get(StackProcess.POSTGRES), postgres, deadline);
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }

    private void startDruid(DruidServices druid, long deadline) {
        StackMemory memory = settings.memory();
        ServiceProcess coordinator = launch(druid.service("coordinator", memory.coordinator()));
        ServiceProcess broker = launch(druid.service("broker", memory.broker()));
        ServiceProcess historical = launch(druid.service("historical", memory.historical()));
        ServiceProcess indexer = launch(druid.service("indexer", memory.indexer()));
        probes.put(StackProcess.DRUID_COORDINATOR, this::overlordLeads);
        probes.put(
                StackProcess.DRUID_INDEXER,
                () -> Readiness.http("http://127.0.0.1:" + settings.indexerPort() + "/status/health", 200));
        probes.put(
                StackProcess.DRUID_HISTORICAL,
                () -> Readiness.http(
                        "http://127.0.0.1:" + settings.historicalPort() + "/druid/historical/v1/readiness", 200));
        probes.put(
                StackProcess.DRUID_BROKER,
                () -> Readiness.http("http://127.0.0.1:" + settings.brokerPort() + "/druid/broker/v1/readiness", 200));
        awaitOverlordLeads(coordinator, deadline);
        awaitIndexerRegistered(indexer, deadline);
        Readiness.await("the Druid historical", probes.get(StackProcess.DRUID_HISTORICAL), historical, deadline);
        Readiness.await("the Druid broker", probes.get(StackProcess.DRUID_BROKER), broker, deadline);
    }

    /**
     * What the supervisor knows of every process this stack started: running, waiting to be restarted, given up or
     * stopped on purpose; with restarts and the last unexpected exit's reason.
     */
    public List<ServiceStatus> status() {
        return supervisor.status();
    }

    /**
     * Whether {@code which} answers its health check now, as at start (ZooKeeper's {@code ruok}, the overlord leads,
     * the broker's and historical's readiness, the indexer's health, an S3 answer, a Kafka connection). Blocks for at
     * most a few seconds.
     *
     * @return false as well when this stack does not run it
     */
    public boolean answers(StackProcess which) {
        BooleanSupplier probe = probes.get(which);
        return probe != null && probe.getAsBoolean();
    }

    /**
     * Kills one process of the stack at once, as a crash would (SIGKILL, no shutdown), for fault tests: the
     * supervisor sees it exit unexpectedly and starts it again.
     *
     * @return the killed process's id
     * @throws IllegalStateException when this stack does not run it
     */
    public synchronized long kill(StackProcess which) {
        ServiceProcess process = running(which);
        long pid = process.pid();
        log.info("Killing {} (pid {}) of the local stack, as a crash would", which, pid);
        process.kill();
        return pid;
    }

    private ServiceProcess running(StackProcess which) {
        return started.stream()
                .filter(p -> p.name().equals(which.processName()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(which + " does not run in this stack"));
    }

    /**
     * Stops one running component and leaves the others running, for fault tests; {@link #start(Component)} starts
     * it again with its data. Only {@link Component#KAFKA} can be stopped alone (Druid's processes: see
     * {@link #stop(StackProcess)}).
     *
     * @throws IllegalArgumentException for another component
     * @throws IllegalStateException when this stack does not run it
     */
    public synchronized void stop(Component component) {
        stop(processOf(component));
    }

    /**
     * Starts a component stopped by {@link #stop(Component)} again, and returns once it answers.
     *
     * @throws IllegalArgumentException for a component that cannot be stopped alone
     * @throws IllegalStateException when it already runs or was never part of this stack
     */
    public synchronized void start(Component component) {
        start(processOf(component));
    }

    /**
     * Stops one process of the stack and leaves the others running, for fault tests: a polite signal, then a kill
     * after a grace period. {@link #start(StackProcess)} starts it again with its data.
     *
     * @throws IllegalStateException when this stack does not run it (never started, or already stopped)
     */
    public synchronized void stop(StackProcess which) {
        ServiceProcess process = running(which);
        supervisor.stopped(process);
        process.stop(STOP_GRACE);
        started.remove(process);
        stopped.put(which, process);
        log.info("Stopped {} of the local stack", which);
    }

    /**
     * Starts a process stopped by {@link #stop(StackProcess)} again, with the same command line, and returns once it
     * answers as it did at the first start: it answers its health check ({@link #answers}); after the coordinator or
     * the indexer, the overlord leads again and knows the indexer.
     *
     * @throws IllegalStateException when it was not stopped by {@link #stop(StackProcess)}
     * @throws StackException with the tail of its log when it does not become ready within the start timeout
     */
    public synchronized void start(StackProcess which) {
        ServiceProcess process = stopped.remove(which);
        if (process == null) {
            throw new IllegalStateException(which + " was not stopped by stop(" + which + "): it runs already, or "
                    + "is not part of this stack");
        }
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        launch(process);
        if (which == StackProcess.DRUID_COORDINATOR || which == StackProcess.DRUID_INDEXER) {
            awaitOverlordLeads(process, deadline);
            awaitIndexerRegistered(process, deadline);
        } else {
            Readiness.await(which.processName() + " to answer", probes.get(which), process, deadline);
        }
        log.info("Started {} of the local stack again", which);
    }

    private static StackProcess processOf(Component component) {
        if (component != Component.KAFKA) {
            throw new IllegalArgumentException("only KAFKA can be stopped and started alone, not " + component
                    + " (Druid's coordinator: stop(StackProcess.DRUID_COORDINATOR))");
        }
        return StackProcess.KAFKA;
    }

    /** Until the overlord inside the coordinator leads (before that it redirects, or answers 404). */
    private void awaitOverlordLeads(ServiceProcess coordinator, long deadline) {
        Readiness.await("the Druid overlord to lead", this::overlordLeads, coordinator, deadline);
    }

    private boolean overlordLeads() {
        return Readiness.http(coordinatorUrl() + "/druid/indexer/v1/isLeader", 200);
    }

    /** Until the overlord knows an indexer to run tasks on; {@code watched} must stay alive meanwhile. */
    private void awaitIndexerRegistered(ServiceProcess watched, long deadline) {
        Readiness.await(
                "a Druid indexer to register with the overlord",
                () -> hasWorker(Readiness.httpBody(coordinatorUrl() + "/druid/indexer/v1/workers")),
                watched,
                deadline);
    }

    private String coordinatorUrl() {
        return "http://127.0.0.1:" + settings.coordinatorPort();
    }

    private static boolean hasWorker(String workersJson) {
        return workersJson != null && workersJson.contains("\"host\"");
    }

    private ServiceProcess launch(ServiceProcess process) {
        started.add(process.start());
        supervisor.watch(process);
        return process;
    }

    /** Stops processes a previous run with the same state directory left behind (crash, kill -9). */
    private void stopStale() {
        String marker = settings.processMarker();
        List<ProcessHandle> stale = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info()
                        .commandLine()
                        .map(line -> line.contains(marker + " ") && line.contains(SERVICE_MARKER))
                        .orElse(false))
                .toList();
        if (!stale.isEmpty()) {
            log.warn("Stopping {} processes a previous local stack in {} left behind", stale.size(), settings.home());
            // ZooKeeper last, as in a normal stop.
            stale.stream()
                    .sorted(Comparator.comparing(LocalStack::isZookeeper))
                    .forEach(p -> ServiceProcess.terminate(p, STOP_GRACE));
        }
    }

    private static boolean isZookeeper(ProcessHandle process) {
        return process.info()
                .commandLine()
                .map(c -> c.contains("ZooKeeperServerMain"))
                .orElse(false);
    }

    private void prepareHome() {
        try {
            if (settings.fresh()) {
                deleteRecursively(settings.home());
            }
            deleteRecursively(settings.home().resolve("druid/zookeeper"));
            Files.createDirectories(settings.logDirectory());
            Files.createDirectories(settings.home().resolve("druid/tmp"));
            if (settings.components().contains(Component.POSTGRES)) {
                StackDatabase.record(settings.home(), settings.postgresDatabase());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + settings.home(), e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }

    /** Stops every process this stack started, ZooKeeper last; idempotent. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Already running from the hook.
        }
    }

    private synchronized void stopAll() {
        supervisor.close();
        if (started.isEmpty()) {
            return;
        }
        log.info("Stopping the local stack in {}", settings.home());
        List<ServiceProcess> druidFirst = new ArrayList<>(started);
        druidFirst.sort(Comparator.comparing(p -> p.name().equals("zookeeper")));
        // Everything but ZooKeeper stops in parallel; ZooKeeper last, or Druid's services wait minutes for it.
        druidFirst.stream().filter(p -> !p.name().equals("zookeeper")).toList().parallelStream()
                .forEach(p -> p.stop(STOP_GRACE));
        druidFirst.stream().filter(p -> p.name().equals("zookeeper")).forEach(p -> p.stop(STOP_GRACE));
        started.clear();
        log.info("Local stack stopped");
    }
}
