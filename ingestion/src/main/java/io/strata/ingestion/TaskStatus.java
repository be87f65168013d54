package io.strata.ingestion;

/**
 * Where an ingestion task is. SUCCEEDED means Druid's broker answers queries over the new data, not merely that
 * Druid's task finished.
 */
public enum TaskStatus {
    RECEIVED,
    VALIDATING,
    STORED,
    SUBMITTED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }
}
