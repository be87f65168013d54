package io.strata.specs.generate;

/** What a batch task does to data already in the datasource. */
public enum IngestMode {
    /** Keep existing segments and add new ones ({@code appendToExisting: true}, dynamic partitioning). */
    APPEND,
    /** Replace everything inside the file's time intervals ({@code dropExisting: true}); the default. */
    REPLACE
}
