-- Security: who asked for each upload, and the append-only audit log.

ALTER TABLE uploads ADD COLUMN requested_by text;
ALTER TABLE uploads ADD COLUMN requested_client text;

CREATE TABLE audit_log (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    subject    text        NOT NULL,
    client_id  text,
    action     text        NOT NULL,
    dataset    text,
    target     text,
    outcome    text        NOT NULL CHECK (outcome IN ('SUCCEEDED', 'FAILED', 'DENIED')),
    detail     text
);
CREATE INDEX audit_log_by_dataset ON audit_log (dataset, id DESC);
CREATE INDEX audit_log_by_subject ON audit_log (subject, id DESC);

-- Append-only: an entry, once written, is neither changed nor removed (not even by Strata's own role).
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
