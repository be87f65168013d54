package io.strata.ingestion.druid;

/**
 * What the overlord says of a task.
 *
 * @param phase where the task is
 * @param error Druid's error message when it failed, else null
 * @param location where a running task runs, else null
 */
public record DruidTaskState(Phase phase, String error, TaskLocation location) {

    public DruidTaskState(Phase phase, String error) {
        this(phase, error, null);
    }

    public enum Phase {
        /** Accepted, but not running on a worker: waiting for a free slot or a lock, or being assigned. */
        WAITING,
        /** Running on a worker ({@link #location()}, when Druid knows it). */
        RUNNING,
        SUCCESS,
        FAILED,
        /** The overlord does not know the task (never submitted, or submission lost). */
        UNKNOWN
    }

    /** The worker process a running task runs in. */
    public record TaskLocation(String host, int port) {

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
