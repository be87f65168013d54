-- Analytics: user-defined named measures of datasets (the semantic layer). Expressions are stored in the canonical
-- text of Strata's measure grammar and parsed again on read; they are never pasted into SQL.
CREATE TABLE analytics_measures (
    dataset     text        NOT NULL,
    name        text        NOT NULL,
    expression  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dataset, name)
);
