package io.strata.schema.value;

import java.util.Locale;

/**
 * A way timestamps are written, with a fast parser and its Druid {@code timestampSpec} format. Instances are
 * immutable and thread-safe. Values without a zone or offset are read as UTC, as Druid does.
 */
public sealed interface TimestampFormat permits IsoTimestampFormat, PatternTimestampFormat, EpochTimestampFormat {

    /** Returned by {@link #parseMillis(String)} for text that does not parse. */
    long INVALID = Long.MIN_VALUE;

    /** Milliseconds since the epoch, or {@link #INVALID}. The text is expected trimmed. */
    long parseMillis(String text);

    /**
     * Like {@link #parseMillis(String)} for the characters {@code text[offset, offset + length)}; formats that can,
     * parse them without making a string.
     */
    default long parseMillis(char[] text, int offset, int length) {
        return parseMillis(new String(text, offset, length));
    }

    /** The Druid {@code timestampSpec.format}: {@code iso}, {@code auto}, {@code posix}, ... or a Joda pattern. */
    String druidFormat();

    /** Whether the format reads plain integers (epoch formats), which number columns are checked for. */
    default boolean numeric() {
        return false;
    }

    /**
     * The format a Druid {@code timestampSpec.format} names.
     *
     * @throws IllegalArgumentException when the pattern uses what this parser does not support
     */
    static TimestampFormat forDruidFormat(String format, Locale locale) {
        return switch (format) {
            case "iso" -> IsoTimestampFormat.ISO;
            case "auto" -> IsoTimestampFormat.AUTO;
            case "posix" -> EpochTimestampFormat.POSIX;
            case "millis" -> EpochTimestampFormat.MILLIS;
            case "micro" -> EpochTimestampFormat.MICRO;
            case "nano" -> EpochTimestampFormat.NANO;
            default -> PatternTimestampFormat.compile(format, locale);
        };
    }
}
