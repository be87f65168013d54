package io.strata.ingestion.druid;

/** What the worker a task was running on says of it. */
public enum WorkerAnswer {
    /** The worker lists the task among those it runs. */
    RUNS_IT,
    /** The worker answers but does not run the task: it lost it (restarted, or the task's thread died). */
    DOES_NOT_RUN_IT,
    /** The worker does not answer at all. */
    NO_ANSWER
}
