package io.strata.schema;

/** The value type of a column, in Druid's terms (a TIMESTAMP column carries a {@code timestampSpec} format). */
public enum ColumnType {
    STRING,
    LONG,
    DOUBLE,
    BOOLEAN,
    TIMESTAMP
}
