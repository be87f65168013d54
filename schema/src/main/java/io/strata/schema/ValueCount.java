package io.strata.schema;

import java.util.Objects;

/** A value and how often it occurs (approximate for large files: counted with a bounded heavy-hitters sketch). */
public record ValueCount(String value, long count) {
    public ValueCount {
        Objects.requireNonNull(value, "value");
    }
}
