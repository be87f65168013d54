package io.strata.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** A single-node Kafka broker in KRaft mode (broker and controller in one process, no ZooKeeper). */
final class KafkaService {

    private final StackSettings settings;
    private final Path kafkaHome;
    private final Path argFile;

    KafkaService(StackSettings settings) {
        this.settings = settings;
        this.kafkaHome = settings.home().resolve("kafka");
        this.argFile = kafkaHome.resolve("classpath.args");
    }

    String bootstrapServers() {
        return "127.0.0.1:" + settings.kafkaPort();
    }

    /** Writes the configuration, and formats the log directory once (KRaft needs a cluster id before start). */
    void configure(List<Path> jars) {
        Path data = kafkaHome.resolve("data");
        DruidServices.write(
                argFile, "-cp \"" + jars.stream().map(Path::toString).collect(Collectors.joining(":")) + "\"\n");
        DruidServices.write(kafkaHome.resolve("log4j2.xml"), LOG4J2);
        DruidServices.write(
                kafkaHome.resolve("server.properties"),
                String.join(
                        "\n",
                        "# Written by Strata's local stack launcher; edits are overwritten.",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + settings.kafkaControllerPort(),
                        "listeners=PLAINTEXT://127.0.0.1:" + settings.kafkaPort() + ",CONTROLLER://127.0.0.1:"
                                + settings.kafkaControllerPort(),
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + settings.kafkaPort(),
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                        "log.dirs=" + data,
                        "num.partitions=3",
                        "offsets.topic.replication.factor=1",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1",
                        "group.initial.rebalance.delay.ms=0",
                        "auto.create.topics.enable=true",
                        "log.retention.hours=168",
                        ""));
        if (!Files.exists(data.resolve("meta.properties"))) {
            List<String> format = java("kafka-format", "128m");
            format.add("kafka.tools.StorageTool");
            format.add("format");
            format.add("--cluster-id");
            format.add(clusterId());
            format.add("--config");
            format.add(kafkaHome.resolve("server.properties").toString());
            format.add("--ignore-formatted");
            new ServiceProcess(
                            "kafka-format",
                            format,
                            kafkaHome,
                            settings.logDirectory().resolve("kafka-format.log"))
                    .runToCompletion(Duration.ofSeconds(60));
        }
    }

    ServiceProcess broker() {
        List<String> command = java("kafka", settings.memory().kafka().heap());
        command.add("kafka.Kafka");
        command.add(kafkaHome.resolve("server.properties").toString());
        return new ServiceProcess(
                "kafka", command, kafkaHome, settings.logDirectory().resolve("kafka.log"));
    }

    private List<String> java(String service, String heap) {
        List<String> command = new ArrayList<>();
        command.add(settings.javaExecutable().toString());
        command.add(settings.processMarker());
        command.add("-Dstrata.stack.service=" + service);
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Dlog4j2.configurationFile=" + kafkaHome.resolve("log4j2.xml"));
        command.add("-Dkafka.logs.dir=" + settings.logDirectory());
        command.add("@" + argFile);
        return command;
    }

    /** A KRaft cluster id: 16 random bytes, URL-safe Base64 without padding (Kafka's own Uuid format). */
    private static String clusterId() {
        byte[] bytes = new byte[16];
        String id;
        do { // an id starting with '-' reads as an option to kafka-storage's argument parser (1 start in 64)
            new SecureRandom().nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
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
                <Logger name="kafka.request.logger" level="warn"/>
                <Logger name="org.apache.kafka.controller" level="warn"/>
                <Logger name="state.change.logger" level="warn"/>
              </Loggers>
            </Configuration>
            """;
}
