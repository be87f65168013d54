package io.strata.api.sql;

import java.util.List;
import java.util.function.Function;

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

    /**
     * One row, a value per column. A row of Druid's answer keeps the JSON array Druid sent for it and reads its values
     * only when asked, so an answer passed on in Druid's own format is never decoded. Used by one thread at a time.
     */
    final class Row implements ResultPart {
        private Object[] values;
        private final byte[] json;
        private final Function<byte[], Object[]> decoder;

        public Row(Object[] values) {
            this.values = values;
            this.json = null;
            this.decoder = null;
        }

        /** A row of Druid's answer: its JSON array, and how to read its values. */
        public Row(byte[] json, Function<byte[], Object[]> decoder) {
            this.json = json;
            this.decoder = decoder;
        }

        public Object[] values() {
            if (values == null) {
                values = decoder.apply(json);
            }
            return values;
        }

        /** The row as the JSON array Druid sent; null for a row Strata computed. */
        public byte[] json() {
            return json;
        }
    }
}
