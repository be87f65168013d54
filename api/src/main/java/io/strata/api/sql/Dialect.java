package io.strata.api.sql;

/**
 * Which clients a statement comes from, and so how it is read and answered. Both read Druid SQL; they differ in
 * what their clients expect around it.
 */
public enum Dialect {
    /**
     * The PostgreSQL wire protocol: unquoted names fold to lower case; PostgreSQL spellings ({@code ::} casts,
     * {@code $1} parameters, {@code E'...'} strings, {@code OPERATOR(pg_catalog.~)}) are accepted; datasets are the
     * tables of schema {@code public}; {@code pg_catalog} and {@code information_schema} are PostgreSQL's.
     */
    POSTGRES("public"),
    /**
     * Druid's own APIs (HTTP SQL and Avatica): names are case-sensitive as in Druid; {@code ?} parameters; datasets
     * are the tables of schema {@code druid}; {@code INFORMATION_SCHEMA} is Druid's.
     */
    DRUID("druid");

    private final String schema;

    Dialect(String schema) {
        this.schema = schema;
    }

    /** The schema the caller's datasets are listed in. Either schema name is accepted in queries. */
    public String schema() {
        return schema;
    }
}
