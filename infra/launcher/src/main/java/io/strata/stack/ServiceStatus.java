package io.strata.stack;

import java.time.Instant;

/**
 * What the stack's supervisor knows of one of its processes.
 *
 * @param process which process
 * @param state whether it runs, waits to be restarted, was given up, or was stopped on purpose
 * @param pid its current process id; -1 when none runs
 * @param restarts how often it was restarted after an unexpected exit since the stack started
 * @param lastExit why it last exited unexpectedly (exit code, signal, out of memory), or null
 * @param lastExitAt when, or null
 */
public record ServiceStatus(
        StackProcess process, State state, long pid, int restarts, String lastExit, Instant lastExitAt) {

    public enum State {
        /** The process runs (whether it answers is {@link LocalStack#answers(StackProcess)}'s question). */
        RUNNING,
        /** It exited unexpectedly and will be started again after a back-off. */
        RESTARTING,
        /** It exited unexpectedly too often, or could not be started again: it stays down. */
        FAILED,
        /** Stopped on purpose ({@link LocalStack#stop(StackProcess)}). */
        STOPPED
    }
}
