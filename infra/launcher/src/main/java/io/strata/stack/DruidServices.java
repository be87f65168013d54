package io.strata.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Configuration and command lines of the smallest useful Druid cluster: ZooKeeper, a coordinator with the
 * overlord inside, a broker, a historical and an indexer (lighter than a middle manager with peons).
 */
final class DruidServices {

    /** The flags Druid documents for running on Java 17. */
    private static final List<String> JAVA_17_FLAGS = List.of(
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED");

    private final StackSettings settings;
    private final Path druidHome;
    private final String s3Endpoint;

    DruidServices(StackSettings settings, String s3Endpoint) {
        this.settings = settings;
        this.druidHome = settings.home().resolve("druid");
        this.s3Endpoint = s3Endpoint;
    }

    /** Writes the configuration of every service, and per service an argument file holding its classpath. */
    void configure(List<Path> jars) {
        String shared =
                conf("_common") + ":" + jars.stream().map(Path::toString).collect(Collectors.joining(":"));
        write(argFile("zookeeper"), "-cp \"" + shared + "\"\n");
        for (String service : List.of("coordinator", "broker", "historical", "indexer")) {
            // The service's own directory first, so its runtime.properties is found before the common one.
            write(argFile(service), "-cp \"" + conf(service) + ":" + shared + "\"\n");
        }
        write(druidHome.resolve("conf/_common/common.runtime.properties"), properties(common()));
        write(druidHome.resolve("conf/_common/log4j2.xml"), LOG4J2);
        write(druidHome.resolve("conf/coordinator/runtime.properties"), properties(coordinator()));
        write(druidHome.resolve("conf/broker/runtime.properties"), properties(broker()));
        write(druidHome.resolve("conf/historical/runtime.properties"), properties(historical()));
        write(druidHome.resolve("conf/indexer/runtime.properties"), properties(indexer()));
    }

    ServiceProcess zookeeper() {
        Path data = druidHome.resolve("zookeeper");
        List<String> command = java("zookeeper", settings.memory().zookeeper().heap(), null);
        command.add("-Dzookeeper.admin.enableServer=false");
        command.add("-Dzookeeper.4lw.commands.whitelist=ruok");
        command.add("@" + argFile("zookeeper"));
        command.add("org.apache.zookeeper.server.ZooKeeperServerMain");
        command.add(Integer.toString(settings.zookeeperPort()));
        command.add(data.toString());
        return process("zookeeper", command);
    }

    ServiceProcess service(String service, ServiceMemory memory) {
        List<String> command = java(service, memory.heap(), memory.directMemory());
        command.addAll(JAVA_17_FLAGS);
        command.add("-Dlog4j.configurationFile=" + conf("_common").resolve("log4j2.xml"));
        command.add("-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager");
        command.add("-Dderby.stream.error.file=" + settings.logDirectory().resolve("derby.log"));
        command.add("-Daws.region=" + StackSettings.S3_REGION);
        command.add("-Ddruid.node.service=" + service);
        command.add("@" + argFile(service));
        command.add("org.apache.druid.cli.Main");
        command.add("server");
        command.add(service);
        return process(service, command);
    }

    private List<String> java(String service, String heap, String directMemory) {
        List<String> command = new ArrayList<>();
        command.add(settings.javaExecutable().toString());
        command.add(settings.processMarker());
        command.add("-Dstrata.stack.service=" + service);
        command.add("-server");
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        if (directMemory != null) {
            command.add("-XX:MaxDirectMemorySize=" + directMemory);
        }
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Duser.timezone=UTC");
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Djava.io.tmpdir=" + druidHome.resolve("tmp"));
        return command;
    }

    private ServiceProcess process(String name, List<String> command) {
        return new ServiceProcess(
                name,
                command,
                druidHome.resolve("work"),
                settings.logDirectory().resolve(name + ".log"));
    }

    private Path argFile(String service) {
        return druidHome.resolve("classpath-" + service + ".args");
    }

    private Path conf(String service) {
        return druidHome.resolve("conf").resolve(service);
    }

    private Map<String, String> common() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("druid.extensions.loadList", "[]");
        p.put("druid.extensions.searchCurrentClassloader", "true");
        p.put("druid.extensions.directory", druidHome.resolve("extensions").toString());
        p.put(
                "druid.extensions.hadoopDependenciesDir",
                druidHome.resolve("hadoop-dependencies").toString());
        p.put("druid.host", "127.0.0.1");
        p.put("druid.startup.logging.logProperties", "false");
        p.put("druid.zk.service.host", "127.0.0.1:" + settings.zookeeperPort());
        p.put("druid.zk.paths.base", "/druid");
        p.put("druid.metadata.storage.type", "derby");
        p.put(
                "druid.metadata.storage.connector.connectURI",
                "jdbc:derby://127.0.0.1:" + settings.derbyPort() + "/" + druidHome.resolve("metadata/druid")
                        + ";create=true");
        p.put("druid.metadata.storage.connector.host", "127.0.0.1");
        p.put("druid.metadata.storage.connector.port", Integer.toString(settings.derbyPort()));
        p.put("druid.storage.type", "s3");
        p.put("druid.storage.bucket", StackSettings.DEEP_STORAGE_BUCKET);
        p.put("druid.storage.baseKey", "segments");
        p.put("druid.storage.disableAcl", "true");
        p.put("druid.s3.accessKey", StackSettings.S3_ACCESS_KEY);
        p.put("druid.s3.secretKey", StackSettings.S3_SECRET_KEY);
        p.put("druid.s3.endpoint.url", s3Endpoint);
        p.put("druid.s3.endpoint.signingRegion", StackSettings.S3_REGION);
        p.put("druid.s3.enablePathStyleAccess", "true");
        p.put("druid.s3.protocol", "http");
        p.put("druid.indexer.logs.type", "file");
        p.put("druid.indexer.logs.directory", druidHome.resolve("indexing-logs").toString());
        p.put("druid.selectors.indexing.serviceName", "druid/overlord");
        p.put("druid.selectors.coordinator.serviceName", "druid/coordinator");
        p.put("druid.emitter", "noop");
        p.put("druid.monitoring.monitors", "[]");
        p.put("druid.segment.handoff.pollDuration", "PT1S");
        p.put("druid.lookup.enableLookupSyncOnStartup", "false");
        p.put("druid.sql.enable", "true");
        p.put("druid.server.hiddenProperties", "[\"druid.s3.accessKey\",\"druid.s3.secretKey\"]");
        return p;
    }

    private Map<String, String> coordinator() {
        Map<String, String> p = service("druid/coordinator", settings.coordinatorPort());
        p.put("druid.coordinator.startDelay", "PT1S");
        p.put("druid.coordinator.period", "PT2S");
        p.put("druid.coordinator.asOverlord.enabled", "true");
        p.put("druid.coordinator.asOverlord.overlordService", "druid/overlord");
        p.put("druid.indexer.queue.startDelay", "PT1S");
        p.put("druid.indexer.storage.type", "metadata");
        p.put("druid.indexer.runner.type", "httpRemote");
        // A task whose worker disappeared is failed after this long (Druid's default: 15 minutes).
        p.put("druid.indexer.runner.taskCleanupTimeout", "PT30S");
        p.put("druid.manager.segments.pollDuration", "PT1S");
        p.put("druid.manager.rules.pollDuration", "PT5S");
        p.put("druid.server.http.numThreads", "10");
        return p;
    }

    private Map<String, String> broker() {
        Map<String, String> p = service("druid/broker", settings.brokerPort());
        processing(p, StackMemory.BROKER_MERGE_BUFFERS);
        p.put("druid.server.http.numThreads", "16");
        p.put("druid.broker.http.numConnections", "8");
        p.put("druid.sql.avatica.enable", "true");
        p.put("druid.sql.http.enable", "true");
        return p;
    }

    private Map<String, String> historical() {
        Map<String, String> p = service("druid/historical", settings.historicalPort());
        processing(p, 1);
        p.put("druid.server.http.numThreads", "10");
        p.put(
                "druid.segmentCache.locations",
                "[{\"path\":\"" + druidHome.resolve("segment-cache") + "\",\"maxSize\":\"50g\"}]");
        return p;
    }

    private Map<String, String> indexer() {
        Map<String, String> p = service("druid/indexer", settings.indexerPort());
        processing(p, 1);
        p.put("druid.server.http.numThreads", "10");
        StackMemory memory = settings.memory();
        p.put("druid.worker.capacity", Integer.toString(memory.indexerCapacity()));
        p.put("druid.worker.globalIngestionHeapLimitBytes", Long.toString(memory.globalIngestionHeapLimitBytes()));
        p.put("druid.indexer.task.baseTaskDir", druidHome.resolve("task").toString());
        // A restarted indexer does not restore the tasks it ran: the task that killed it would kill it again.
        // Strata notices the lost task and resubmits it once from the stored file (or fails it).
        p.put("druid.indexer.task.restoreTasksOnRestart", "false");
        return p;
    }

    private static Map<String, String> service(String name, int port) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("druid.service", name);
        p.put("druid.plaintextPort", Integer.toString(port));
        return p;
    }

    private static void processing(Map<String, String> p, int mergeBuffers) {
        p.put("druid.processing.buffer.sizeBytes", Long.toString(StackMemory.PROCESSING_BUFFER_BYTES));
        p.put("druid.processing.numMergeBuffers", Integer.toString(mergeBuffers));
        p.put("druid.processing.numThreads", "1");
        p.put("druid.processing.tmpDir", "tmp/processing");
    }

    private static String properties(Map<String, String> values) {
        StringBuilder text = new StringBuilder("# Written by Strata's local stack launcher; edits are overwritten.\n");
        values.forEach(
                (key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static final String LOG4J2 =
            """
            <?xml version="1.0" encoding="UTF-8" ?>
            <Configuration status="WARN">
              <Appenders>
                <Console name="Console" target="SYSTEM_OUT">
                  <PatternLayout pattern="%d{ISO8601} %p [%t] %c - %m%n"/>
                </Console>
              </Appenders>
              <Loggers>
                <Root level="info"><AppenderRef ref="Console"/></Root>
                <Logger name="org.apache.druid.jetty.RequestLog" level="warn"/>
              </Loggers>
            </Configuration>
            """;
}
