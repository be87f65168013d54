package io.strata.ingestion.druid;

/**
 * What the overlord says of a task.
 *
 * @param phase where the task is
 * @param error Druid's error message when it failed, else null
 */
public record DruidTaskState(Phase phase, String error) {

    public enum Phase {
        /** Accepted, waiting for a worker, or running. */
        RUNNING,
        SUCCESS,
        FAILED,
        /** The overlord does not know the task (never submitted, or submission lost). */
        UNKNOWN
    }
}
