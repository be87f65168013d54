package io.strata.stack;

import java.util.Arrays;
import java.util.Optional;

/**
 * A long-running process of the local stack. Each is supervised (restarted when it exits unexpectedly) and
 * reported by {@link LocalStack#status()}; fault tests may stop, start or kill one alone while the rest keeps running
 * ({@link LocalStack#stop(StackProcess)}, {@link LocalStack#start(StackProcess)}, {@link LocalStack#kill}).
 */
public enum StackProcess {
    /** ZooKeeper: Druid's service discovery, leader election and segment announcements. */
    ZOOKEEPER("zookeeper", "strata.stack.zookeeper"),
    /**
     * Druid's coordinator, which runs the overlord inside (task submission and status, task locks, segment
     * assignment) and the Derby metadata store; the broker, historical and indexer keep running without it.
     */
    DRUID_COORDINATOR("coordinator", "strata.stack.druid.coordinator"),
    /** Druid's broker: every SQL query. */
    DRUID_BROKER("broker", "strata.stack.druid.broker"),
    /** Druid's historical: serves the published segments. */
    DRUID_HISTORICAL("historical", "strata.stack.druid.historical"),
    /** Druid's indexer: runs the ingestion tasks, each in a thread of its own. */
    DRUID_INDEXER("indexer", "strata.stack.druid.indexer"),
    /** Kafka's broker: the whole {@link Component#KAFKA} component. */
    KAFKA("kafka", "strata.stack.kafka"),
    /** S3Proxy: the S3 store of uploads and of Druid's segments. */
    S3("s3proxy", "strata.stack.s3"),
    /** The private PostgreSQL server, run only when none answers on the configured address. */
    POSTGRES("postgres", null);

    private final String processName;
    private final String settingsPrefix;

    StackProcess(String processName, String settingsPrefix) {
        this.processName = processName;
        this.settingsPrefix = settingsPrefix;
    }

    /** The name the stack's processes and log files carry, e.g. {@code coordinator} ({@code coordinator.log}). */
    public String processName() {
        return processName;
    }

    /** Where its memory is set ({@code <prefix>.heap}), or null when the stack does not size it. */
    String settingsPrefix() {
        return settingsPrefix;
    }

    static Optional<StackProcess> named(String processName) {
        return Arrays.stream(values())
                .filter(p -> p.processName.equals(processName))
                .findFirst();
    }
}
