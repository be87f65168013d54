package io.strata.schema;

/**
 * The file's format needs random access (XLSX, Parquet, the Arrow file format), so it is copied to a temporary
 * file first, and it is larger than {@link DetectionOptions#maxSpoolBytes()} allows.
 */
public final class FileTooLargeException extends SchemaException {
    private final long limit;

    public FileTooLargeException(String file, String format, long limit) {
        super(
                file,
                0,
                null,
                "the " + format + " file is larger than " + limit + " bytes, the most this server copies aside to"
                        + " read it; split it, or convert it to CSV or JSON Lines, which are read as a stream",
                null);
        this.limit = limit;
    }

    /** The limit that was exceeded, in bytes. */
    public long limit() {
        return limit;
    }
}
