package io.strata.ingestion;

/**
 * Strata's domain errors. Adapters translate infrastructure failures into these at the boundary; the web and
 * GraphQL layers map each kind to one status or error type, and anything else to an opaque internal error.
 */
public abstract sealed class StrataException extends RuntimeException {

    /** The kinds of domain error; each maps to one HTTP status and one GraphQL error type. */
    public enum Kind {
        NOT_FOUND,
        INVALID_INPUT,
        UNPROCESSABLE,
        TOO_LARGE,
        UNSUPPORTED_MEDIA,
        FORBIDDEN,
        UPSTREAM_UNAVAILABLE,
        UPSTREAM_TIMEOUT
    }

    private final Kind kind;
    private final Object details;

    protected StrataException(Kind kind, String message, Object details, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.details = details;
    }

    public Kind kind() {
        return kind;
    }

    /** Structured details for the client (a validation report, the valid names), or null. */
    public Object details() {
        return details;
    }

    /** The named thing does not exist (or the caller may not know it does). */
    public static final class NotFound extends StrataException {
        public NotFound(String message) {
            super(Kind.NOT_FOUND, message, null, null);
        }
    }

    /** The request is wrong; the message says what, where and what to do. */
    public static final class InvalidInput extends StrataException {
        public InvalidInput(String message) {
            super(Kind.INVALID_INPUT, message, null, null);
        }

        public InvalidInput(String message, Object details) {
            super(Kind.INVALID_INPUT, message, details, null);
        }
    }

    /** The request is well-formed but its content cannot be processed (an undecodable file, too many bad rows). */
    public static final class Unprocessable extends StrataException {
        public Unprocessable(String message, Object details) {
            super(Kind.UNPROCESSABLE, message, details, null);
        }
    }

    /** The file is too large for the configured limit. */
    public static final class TooLarge extends StrataException {
        public TooLarge(String message) {
            super(Kind.TOO_LARGE, message, null, null);
        }
    }

    /** The file's format is not one Strata reads. */
    public static final class UnsupportedMedia extends StrataException {
        public UnsupportedMedia(String message) {
            super(Kind.UNSUPPORTED_MEDIA, message, null, null);
        }
    }

    /** The caller may not do this. */
    public static final class Forbidden extends StrataException {
        public Forbidden(String message) {
            super(Kind.FORBIDDEN, message, null, null);
        }
    }

    /** A service Strata depends on does not answer. */
    public static final class UpstreamUnavailable extends StrataException {
        public UpstreamUnavailable(String message, Throwable cause) {
            super(Kind.UPSTREAM_UNAVAILABLE, message, null, cause);
        }
    }

    /** A service Strata depends on answered too late. */
    public static final class UpstreamTimeout extends StrataException {
        public UpstreamTimeout(String message, Throwable cause) {
            super(Kind.UPSTREAM_TIMEOUT, message, null, cause);
        }
    }
}
