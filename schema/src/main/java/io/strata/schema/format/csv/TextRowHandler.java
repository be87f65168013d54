package io.strata.schema.format.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import io.strata.schema.format.TextRow;

/**
 * Collects FastCSV's fields into one reused {@link TextRow} instead of a string per field: every record is the same
 * row object, overwritten by the next. Keeps FastCSV's own default limits on characters per field and per record,
 * and fails the same way when a file exceeds them. Fields past {@code maxFields} are counted ({@link #fields()}) but
 * not kept, so a too-wide record is reported with its width rather than failing the parse.
 */
final class TextRowHandler extends AbstractBaseCsvCallbackHandler<TextRow> {
    private static final int MAX_FIELD_SIZE = 16 * 1024 * 1024;
    private static final int MAX_RECORD_SIZE = 4 * MAX_FIELD_SIZE;

    private final TextRow row = new TextRow();
    private final int maxFields;
    private int fields;
    private boolean quotedLineBreak;

    TextRowHandler(int maxFields) {
        this.maxFields = maxFields;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        row.clear();
        fields = 0;
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
        if (len > MAX_FIELD_SIZE) {
            throw new CsvParseException(String.format(
                    "Field at index %d in record starting at line %d exceeds the max field size of %d characters",
                    fieldIdx, getStartingLineNumber(), MAX_FIELD_SIZE));
        }
        if (row.length() + len > MAX_RECORD_SIZE) {
            throw new CsvParseException(String.format(
                    "Field at index %d in record starting at line %d exceeds the max record size of %d characters",
                    fieldIdx, getStartingLineNumber(), MAX_RECORD_SIZE));
        }
        fields = fieldIdx + 1;
        if (fieldIdx >= maxFields) {
            return;
        }
        if (quoted && !quotedLineBreak) {
            // Only a quoted field can hold a line break; Druid's CSV reader reads a file line by line.
            for (int i = offset, end = offset + len; i < end; i++) {
                if (buf[i] == '\n' || buf[i] == '\r') {
                    quotedLineBreak = true;
                    break;
                }
            }
        }
        row.add(buf, offset, len);
    }

    @Override
    protected void handleEmpty() {
        row.clear();
        fields = 0;
    }

    /** Fields of the record last built, including those past the limit that were not kept. */
    int fields() {
        return fields;
    }

    /** Whether a quoted field read so far held a line break (CR or LF). */
    boolean quotedLineBreak() {
        return quotedLineBreak;
    }

    @Override
    protected TextRow buildRecord() {
        return row;
    }

    /** Line of the record last built. */
    long line() {
        return getStartingLineNumber();
    }
}
