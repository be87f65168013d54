package io.strata.api.analytics;

import io.strata.ingestion.StrataException;

/** Checks client-given column names against a dataset's schema. */
final class Columns {

    private Columns() {}

    /** Returns {@code name} when the dataset has it; else a BAD_REQUEST error listing the valid columns. */
    static String require(DatasetView dataset, String name, String field) {
        if (name == null || dataset.column(name).isEmpty()) {
            throw new StrataException.InvalidInput(
                    field + ": dataset '" + dataset.name() + "' has no column '" + name + "'; its columns are "
                            + dataset.columnNames(),
                    java.util.Map.of("field", field, "validColumns", dataset.columnNames()));
        }
        return name;
    }

    static DatasetColumn requireNumeric(DatasetView dataset, String name, String field) {
        DatasetColumn column = dataset.column(require(dataset, name, field)).orElseThrow();
        if (!column.isNumeric()) {
            throw new StrataException.InvalidInput(field + ": column '" + name + "' is " + column.type()
                    + ", not numeric; use COUNT, COUNT_DISTINCT or APPROX_COUNT_DISTINCT on it");
        }
        return column;
    }
}
