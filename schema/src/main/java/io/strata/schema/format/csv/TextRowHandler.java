package io.strata.schema.format.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import io.strata.schema.format.TextRow;

/**
 * Collects FastCSV's fields into one reused {@link TextRow} instead of a string per field: every record is the same
 * row object, overwritten by the next. Keeps FastCSV's own default limits on fields per record, characters per
 * field and per record, and fails the same way when a file exceeds them.
 */
final class TextRowHandler extends AbstractBaseCsvCallbackHandler<TextRow> {
    private static final int MAX_FIELDS = 16_384;
    private static final int MAX_FIELD_SIZE = 16 * 1024 * 1024;
    private static final int MAX_RECORD_SIZE = 4 * MAX_FIELD_SIZE;

    private final TextRow row = new TextRow();

    @Override
    protected void handleBegin(long startingLineNumber) {
        row.clear();
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
        if (fieldIdx >= MAX_FIELDS) {
            throw new CsvParseException(String.format(
                    "Record starting at line %d has surpassed the maximum limit of %d fields",
                    getStartingLineNumber(), MAX_FIELDS));
        }
        row.add(buf, offset, len);
    }

    @Override
    protected void handleEmpty() {
        row.clear();
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
