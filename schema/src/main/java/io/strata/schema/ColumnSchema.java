package io.strata.schema;

import java.util.Objects;

/**
 * One detected column.
 *
 * @param name the column's name as in the file (for flattened JSON, the dotted path, e.g. {@code a.b})
 * @param druidName a unique, non-empty, Druid-safe name; keys of {@link DetectionResult#sample()} and of the
 *     normalized file
 * @param type the value type
 * @param role how Druid should ingest it
 * @param reason why this type and role were chosen, for people
 * @param timestampFormat null unless {@code type == TIMESTAMP}; a Druid {@code timestampSpec} format: {@code iso},
 *     {@code auto}, {@code posix}, {@code millis}, {@code micro}, {@code nano}, or a Joda-Time pattern such as
 *     {@code M/d/yyyy}
 * @param multiValue true when the values are lists (JSON arrays, Parquet/Arrow lists)
 * @param profile what validating every row found
 */
public record ColumnSchema(
        String name,
        String druidName,
        ColumnType type,
        ColumnRole role,
        String reason,
        String timestampFormat,
        boolean multiValue,
        ColumnProfile profile) {
    public ColumnSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(druidName, "druidName");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(reason, "reason");
        if (druidName.isEmpty()) {
            throw new IllegalArgumentException("druidName must not be empty for column [" + name + "]");
        }
        if ((type == ColumnType.TIMESTAMP) != (timestampFormat != null)) {
            throw new IllegalArgumentException(
                    "timestampFormat must be set exactly when type is TIMESTAMP, column [" + name + "]");
        }
        if (profile == null) {
            profile = ColumnProfile.empty();
        }
    }
}
