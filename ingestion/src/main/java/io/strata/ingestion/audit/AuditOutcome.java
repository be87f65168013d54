package io.strata.ingestion.audit;

/** How an audited action ended. */
public enum AuditOutcome {
    /** It was done. */
    SUCCEEDED,
    /** It was allowed but did not succeed (invalid input, a refused file, an upstream failure). */
    FAILED,
    /** The caller was not allowed to do it; nothing changed. */
    DENIED
}
