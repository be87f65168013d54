package io.strata.ingestion;

import java.util.Locale;

/** How an upload's rows meet the dataset's existing rows. */
public enum IngestionMode {
    /** A new dataset; refused when the dataset already holds data. */
    CREATE,
    /** Rows are added to the dataset's existing rows. */
    APPEND,
    /** The dataset's rows in the upload's time range are replaced by the upload's. */
    REPLACE;

    public static IngestionMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StrataException.InvalidInput("mode '" + value + "' is not one of create, append, replace");
        }
    }
}
