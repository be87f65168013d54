package io.strata.specs;

/**
 * A spec, or a request to generate one, that Druid would reject or that contradicts itself. The message names the
 * field and the value that failed, e.g. {@code duplicate dimension names [page]}.
 */
public final class InvalidSpecException extends IllegalArgumentException {

    public InvalidSpecException(String message) {
        super(message);
    }

    public InvalidSpecException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Formats {@code template} with {@link String#format} and returns the exception. */
    public static InvalidSpecException of(String template, Object... args) {
        return new InvalidSpecException(String.format(template, args));
    }
}
