package io.strata.schema.format;

/** A reader could not go on: the file is corrupt, truncated, or not in the format it claims. */
public final class SourceException extends RuntimeException {
    private final String location;

    public SourceException(String location, String message, Throwable cause) {
        super(message, cause);
        this.location = location;
    }

    /** Where reading stopped, for people, or null. */
    public String location() {
        return location;
    }
}
