-- Security: dataset access lists, row-level policies, and a version per dataset that every change to either
-- advances (nodes watch it to re-check live subscriptions at once).

-- A dataset without rows here is open to every role-holder; the first grant restricts it to those listed.
-- Grants may name datasets that do not exist yet.
CREATE TABLE dataset_grants (
    dataset         text        NOT NULL,
    principal_kind  text        NOT NULL CHECK (principal_kind IN ('ROLE', 'GROUP', 'USER')),
    principal       text        NOT NULL,
    permission      text        NOT NULL CHECK (permission IN ('READ', 'WRITE')),
    granted_by      text        NOT NULL,
    granted_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dataset, principal_kind, principal)
);

-- Every policy of a dataset applies to every non-admin query over it: column IN (values of the claim).
CREATE TABLE row_policies (
    dataset      text        NOT NULL,
    name         text        NOT NULL,
    column_name  text        NOT NULL,
    claim        text        NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dataset, name)
);

CREATE TABLE dataset_security (
    dataset  text   PRIMARY KEY,
    version  bigint NOT NULL
);
