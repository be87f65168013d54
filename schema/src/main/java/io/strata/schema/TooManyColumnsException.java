package io.strata.schema;

/**
 * The file has more columns than {@link DetectionOptions#maxColumns()} allows. Thrown before any row is read (the
 * header, or the file's schema, decides), or at the row that first holds more (JSON Lines, a CSV without a header).
 */
public final class TooManyColumnsException extends SchemaException {
    private final long columns;
    private final int limit;

    public TooManyColumnsException(String file, long columns, int limit) {
        super(
                file,
                0,
                null,
                "the file has " + columns + " columns, more than the " + limit + " this server accepts in one"
                        + " dataset; split it into narrower files (each with the timestamp column), or keep only the"
                        + " columns you will query",
                null);
        this.columns = columns;
        this.limit = limit;
    }

    /** How many columns the file has (at least; reading stopped once the limit was passed). */
    public long columns() {
        return columns;
    }

    /** The limit that was exceeded. */
    public int limit() {
        return limit;
    }
}
