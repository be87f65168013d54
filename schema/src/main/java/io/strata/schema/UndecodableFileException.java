package io.strata.schema;

/** The file claims a supported format but cannot be read as it: corrupt, truncated, or not what it says. */
public final class UndecodableFileException extends SchemaException {
    public UndecodableFileException(String file, long row, String column, String message, Throwable cause) {
        super(file, row, column, message, cause);
    }

    public UndecodableFileException(String file, String message, Throwable cause) {
        this(file, 0, null, message, cause);
    }
}
