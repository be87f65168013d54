package io.strata.api.analytics.expression;

/** An expression that does not parse; the message names the problem and {@link #position()} where it is. */
public final class ExpressionException extends RuntimeException {

    private final int position;

    public ExpressionException(String message, int position) {
        super(message + " (at character " + (position + 1) + ")");
        this.position = position;
    }

    /** Zero-based offset in the expression text. */
    public int position() {
        return position;
    }
}
