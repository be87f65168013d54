-- Ingestion: datasets, uploads, tasks, their append-only status history, and the event outbox.

-- A dataset row exists only once an ingestion into it has succeeded: a failed upload leaves no dataset.
CREATE TABLE datasets (
    name          text PRIMARY KEY,
    data_version  bigint      NOT NULL DEFAULT 1,
    rollup        boolean     NOT NULL DEFAULT false,
    count_column  text,
    spec          jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE uploads (
    id              uuid PRIMARY KEY,
    dataset         text        NOT NULL,
    file_name       text        NOT NULL,
    content_type    text,
    size_bytes      bigint,
    sha256          text,
    object_key      text        NOT NULL,
    multipart_id    text,
    normalized_key  text,
    detection       jsonb,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX uploads_by_content ON uploads (dataset, sha256);

CREATE TABLE ingestion_tasks (
    id                          uuid PRIMARY KEY,
    upload_id                   uuid        NOT NULL REFERENCES uploads (id),
    dataset                     text        NOT NULL,
    mode                        text        NOT NULL,
    status                      text        NOT NULL,
    druid_task_id               text        NOT NULL UNIQUE,
    spec                        jsonb,
    rows_processed              bigint,
    rows_processed_with_errors  bigint,
    rows_thrown_away            bigint,
    rows_unparseable            bigint,
    error                       text,
    owner                       text,
    lease_until                 timestamptz,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ingestion_tasks_by_dataset ON ingestion_tasks (dataset, created_at DESC);
CREATE INDEX ingestion_tasks_open ON ingestion_tasks (status)
    WHERE status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELED');

CREATE TABLE ingestion_task_transitions (
    id           bigserial PRIMARY KEY,
    task_id      uuid        NOT NULL REFERENCES ingestion_tasks (id),
    from_status  text,
    to_status    text        NOT NULL,
    reason       text,
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ingestion_task_transitions_by_task ON ingestion_task_transitions (task_id, id);

-- Transactional outbox: written in the same transaction as the change it announces.
CREATE TABLE outbox (
    id            bigserial PRIMARY KEY,
    topic         text        NOT NULL,
    event_key     text        NOT NULL,
    event_type    text        NOT NULL,
    payload       jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
