package io.strata.stack;

/**
 * A process of the local stack that fault tests may stop and start again alone, while the rest of the stack keeps
 * running ({@link LocalStack#stop(StackProcess)}, {@link LocalStack#start(StackProcess)}).
 */
public enum StackProcess {
    /** Kafka's broker: the whole {@link Component#KAFKA} component. */
    KAFKA("kafka"),
    /**
     * Druid's coordinator, which runs the overlord inside (task submission and status, task locks, segment
     * assignment) and the Derby metadata store; the broker, historical and indexer keep running without it.
     */
    DRUID_COORDINATOR("coordinator");

    private final String processName;

    StackProcess(String processName) {
        this.processName = processName;
    }

    /** The name the stack's processes and log files carry, e.g. {@code coordinator} ({@code coordinator.log}). */
    public String processName() {
        return processName;
    }
}
