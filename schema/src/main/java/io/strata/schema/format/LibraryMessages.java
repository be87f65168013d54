package io.strata.schema.format;

import java.util.regex.Pattern;

/**
 * Makes a third-party library's exception message fit for the person who uploaded the file: messages from Parquet,
 * Arrow, POI or Jackson name their own objects ({@code blue.strategic.parquet.ParquetReader$2@5d3ab8a9 is not a
 * Parquet file}) and exception classes, which mean nothing to them. Used wherever such a message is passed on.
 */
public final class LibraryMessages {
    /** A qualified Java name ({@code a.b.C}, {@code a.b.C$2}, with an identity hash {@code @5d3ab8a9}). */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][\\w$]*(?:@[0-9a-f]+)?");
    /** An exception class name, qualified or not, often leading the message ({@code java.io.EOFException: }). */
    private static final Pattern EXCEPTION =
            Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)*[A-Z]\\w*(?:Exception|Error)\\b:?\\s*");
    /** What the file is called once the library's object for it is taken out. */
    private static final String THE_FILE = "the file";

    private LibraryMessages() {}

    /** The message without Java names; "no details" when nothing is left. Never null. */
    public static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "no details";
        }
        String m = EXCEPTION.matcher(message).replaceAll("");
        m = QUALIFIED.matcher(m).replaceAll(THE_FILE);
        m = m.replaceAll("\\s+", " ").trim();
        return m.isEmpty() ? "no details" : m;
    }
}
