package io.strata.schema.format;

/**
 * A reader could not go on: the file is corrupt, truncated, or not in the format it claims. The message is shown to
 * the uploader, so any Java name a library's message brought into it is taken out ({@link LibraryMessages}).
 */
public final class SourceException extends RuntimeException {
    private final String location;

    public SourceException(String location, String message, Throwable cause) {
        super(LibraryMessages.clean(message), cause);
        this.location = location;
    }

    /** Where reading stopped, for people, or null. */
    public String location() {
        return location;
    }
}
