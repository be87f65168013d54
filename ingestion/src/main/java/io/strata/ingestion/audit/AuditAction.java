package io.strata.ingestion.audit;

/** What an audit entry records. */
public enum AuditAction {
    /** A file was uploaded into a dataset (or refused). */
    UPLOAD,
    /** An ingestion task ended: SUCCEEDED, FAILED or CANCELED. */
    INGEST,
    /** An ingestion was canceled on request. */
    CANCEL,
    /** A principal was granted access to a dataset. */
    GRANT_ACCESS,
    /** A principal's access to a dataset was revoked. */
    REVOKE_ACCESS,
    /** A row-level policy was created or replaced. */
    SET_ROW_POLICY,
    /** A row-level policy was removed. */
    DROP_ROW_POLICY,
    /** A named measure was defined or redefined. */
    DEFINE_MEASURE,
    /** A named measure was removed. */
    DROP_MEASURE,
    /** A query over the SQL endpoint (PostgreSQL wire protocol, Druid SQL over HTTP, Avatica), or a refused statement. */
    SQL_QUERY
}
