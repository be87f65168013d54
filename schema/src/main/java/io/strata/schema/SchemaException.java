package io.strata.schema;

/**
 * The family of errors {@link SchemaDetector} throws. Messages say what went wrong, where (file, and row and
 * column when known) and what to do; they are safe to show to the user who uploaded the file.
 */
public abstract sealed class SchemaException extends RuntimeException
        permits UnsupportedFormatException,
                UndecodableFileException,
                SheetChoiceRequiredException,
                FileTooLargeException,
                TooManyColumnsException {

    private final String file;
    private final long row;
    private final String column;

    protected SchemaException(String file, long row, String column, String message, Throwable cause) {
        super(describe(file, row, column, message), cause);
        this.file = file;
        this.row = row;
        this.column = column;
    }

    private static String describe(String file, long row, String column, String message) {
        StringBuilder where = new StringBuilder();
        where.append(file == null ? "<input>" : file);
        if (row > 0) {
            where.append(", row ").append(row);
        }
        if (column != null) {
            where.append(", column [").append(column).append(']');
        }
        return where + ": " + message;
    }

    /** The file name as given, or null. */
    public String file() {
        return file;
    }

    /** The 1-based data row the error is at, or 0 when it concerns the whole file. */
    public long row() {
        return row;
    }

    /** The column the error is at, or null. */
    public String column() {
        return column;
    }
}
