package io.strata.ingestion.druid;

/**
 * The task slots of the workers registered with the overlord.
 *
 * @param workers workers registered
 * @param capacity task slots in all
 * @param used slots running a task
 */
public record WorkerSlots(int workers, int capacity, int used) {

    public boolean anyFree() {
        return used < capacity;
    }

    /** Why a task that Druid accepted does not run yet, in a user's words; null when a slot is free. */
    public String whyWaiting() {
        if (workers == 0) {
            return "no Druid worker is registered with the overlord";
        }
        if (!anyFree()) {
            return "all " + capacity + " task slots of Druid's workers are busy";
        }
        return null;
    }
}
