package io.strata.schema;

import java.util.Objects;

/**
 * A value that does not parse as its column's type.
 *
 * @param row 1-based data row number (the header is not counted)
 * @param value the raw value as read, never null
 * @param reason why it does not parse, never null
 */
public record InvalidValue(long row, String value, String reason) {
    public InvalidValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
    }
}
