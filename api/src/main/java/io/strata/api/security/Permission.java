package io.strata.api.security;

/** What a grant allows on a dataset. WRITE includes READ. */
public enum Permission {
    /** Query it, subscribe to it, see its ingestion tasks. */
    READ,
    /** Also upload into it, cancel its ingestions, define its measures. */
    WRITE;

    public boolean includes(Permission other) {
        return ordinal() >= other.ordinal();
    }
}
