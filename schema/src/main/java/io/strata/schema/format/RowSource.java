package io.strata.schema.format;

import java.io.Closeable;
import java.util.List;

/**
 * Rows of one file, read one at a time: the port each format's reader implements. Values are raw: {@code String}
 * for text formats; {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code java.time.Instant} or
 * {@code List<?>} for formats that carry types; null when missing. Not thread-safe.
 */
public interface RowSource extends Closeable {

    /**
     * Column names known so far, in file order. Formats without a fixed header (JSON) append names as they meet
     * them; indexes never change.
     */
    List<String> columns();

    /** Types the file itself declares, aligned with {@link #columns()}, or an empty list when it declares none. */
    default List<DeclaredType> declaredTypes() {
        return List.of();
    }

    /**
     * The name to derive a column's Druid name from; by default its name. Nested JSON paths ({@code a.b}) suggest
     * {@code a_b}, so the Druid name differs from the path and a reader of the original file knows to flatten it.
     */
    default String druidNameBase(int column) {
        return columns().get(column);
    }

    /**
     * Why Druid cannot read the original as-is, judged from the rows read so far (asked at most once, after the rows
     * types are inferred from, and only when nothing else already needs a normalized copy), or null when it can. A
     * source that answered null may fail a later row that Druid would read differently ({@link SourceException}):
     * what Strata accepts, Druid must be able to read.
     */
    default String normalizeBecause() {
        return null;
    }

    /** Advances to the next row; false at the end. */
    boolean next();

    /** Number of values in the current row (may differ from the number of columns for ragged text rows). */
    int size();

    /** The raw value at a column index of the current row, or null; indexes past {@link #size()} give null. */
    Object value(int column);

    /**
     * The current row's values as text, or null when this source does not read text (then {@link #value(int)} gives
     * them). The same values as {@link #value(int)} gives, as characters; valid until {@link #next()}.
     */
    default TextRow textRow() {
        return null;
    }

    /** A problem with the current row as a whole (ragged, bad encoding), or null. */
    String problem();

    /** Where the current row is, for people: "line 12", "sheet Sales, row 3". */
    String location();

    @Override
    void close();
}
