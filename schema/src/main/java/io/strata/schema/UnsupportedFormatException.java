package io.strata.schema;

/** The file is not in a format {@link SchemaDetector} reads. */
public final class UnsupportedFormatException extends SchemaException {
    public UnsupportedFormatException(String file, String message) {
        super(file, 0, null, message, null);
    }
}
