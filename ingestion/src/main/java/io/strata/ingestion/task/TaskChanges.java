package io.strata.ingestion.task;

import io.strata.ingestion.RowStats;

/**
 * Fields a transition sets besides the status; null leaves a field as it is.
 *
 * @param spec the exact spec submitted to Druid (JSON)
 * @param rows Druid's row counts
 * @param error why the task failed or was canceled
 */
public record TaskChanges(String spec, RowStats rows, String error) {

    public static final TaskChanges NONE = new TaskChanges(null, null, null);

    public static TaskChanges error(String error) {
        return new TaskChanges(null, null, error);
    }
}
