package io.strata.api.sql;

import java.util.List;

/**
 * A piece of a query's answer as it streams: first its {@link Header}, then its {@link Row}s. Values are Java
 * objects by column type: {@link String} for text (and Druid's timestamps, dates and arrays, as Druid writes them),
 * {@link Long} for integers and oids, {@link Double} for floating point, {@link Boolean}, {@link java.util.List} for
 * catalog arrays, {@link java.time.OffsetDateTime} for catalog timestamps; null for SQL NULL.
 */
public sealed interface ResultPart {

    /** The columns, before any row. */
    record Header(List<SqlColumn> columns) implements ResultPart {
        public Header {
            columns = List.copyOf(columns);
        }
    }

    /** One row, a value per column. */
    record Row(Object[] values) implements ResultPart {}
}
