package io.strata.schema.format;

/** A reader met more columns than it was allowed to; the detector turns this into its own refusal. */
public final class ColumnLimitException extends RuntimeException {
    private final long columns;
    private final int limit;

    public ColumnLimitException(long columns, int limit) {
        super(columns + " columns, over the limit of " + limit, null, false, false);
        this.columns = columns;
        this.limit = limit;
    }

    public long columns() {
        return columns;
    }

    public int limit() {
        return limit;
    }
}
