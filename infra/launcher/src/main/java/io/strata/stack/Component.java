package io.strata.stack;

/** A service the local stack can run. */
public enum Component {
    POSTGRES,
    S3,
    KAFKA,
    DRUID
}
