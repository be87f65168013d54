package io.strata.schema.format;

/** A column type a file's own schema declares (Parquet, Arrow). */
public enum DeclaredType {
    STRING,
    LONG,
    DOUBLE,
    BOOLEAN,
    /** Values arrive as {@code java.time.Instant}. */
    TIMESTAMP,
    /** Values arrive as {@code List<?>}. */
    LIST,
    /** Anything else (binary, struct, decimal...): values arrive as their string form. */
    OTHER
}
