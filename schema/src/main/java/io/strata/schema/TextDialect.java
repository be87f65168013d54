package io.strata.schema;

import java.util.Objects;

/**
 * How a delimited text file is written, as sniffed.
 *
 * @param delimiter the field separator
 * @param quote the quote character
 * @param escape the escape character inside quoted fields: the quote itself (doubled quotes, RFC 4180) or a
 *     backslash
 * @param header whether the first record holds column names
 * @param charset the character set name the file was decoded with, e.g. {@code UTF-8}, {@code ISO-8859-1}
 * @param bom whether the file starts with a byte order mark
 */
public record TextDialect(char delimiter, char quote, char escape, boolean header, String charset, boolean bom) {
    public TextDialect {
        Objects.requireNonNull(charset, "charset");
    }
}
