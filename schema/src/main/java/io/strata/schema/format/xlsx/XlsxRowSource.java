package io.strata.schema.format.xlsx;

import com.github.pjfanning.xlsx.StreamingReader;
import com.github.pjfanning.xlsx.exceptions.ExcelRuntimeException;
import io.strata.schema.format.RowSource;
import io.strata.schema.format.SourceException;
import io.strata.schema.format.Spool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Rows of the chosen sheets of an XLSX workbook, streamed with excel-streaming-reader from a spooled copy (a zip
 * needs random access). Each sheet's first non-blank row is its header; blank rows are skipped. Cell values keep
 * their type: text as {@code String}, whole numbers as {@code Long}, other numbers as {@code Double}, booleans,
 * and date-formatted cells as {@code Instant} (the cell's date and time read as UTC); formula cells give their
 * cached result, error cells their code such as {@code #DIV/0!}. Closing deletes the spooled copy.
 */
public final class XlsxRowSource implements RowSource {
    private final Spool spool;
    private final Workbook workbook;
    private final List<String> columns;
    private final List<String> sheets;
    private final Iterator<String> sheetNames;
    private Sheet sheet;
    private Iterator<Row> rows;
    private int headerRow;
    private Object[] values;
    private int size;
    private String problem;
    private String location;

    private XlsxRowSource(Spool spool, Workbook workbook, WorkbookHeaders.Choice choice) {
        this.spool = spool;
        this.workbook = workbook;
        this.columns = choice.header();
        this.sheets = choice.sheets();
        this.sheetNames = sheets.iterator();
        this.values = new Object[Math.max(columns.size(), 1)];
    }

    /**
     * Opens the workbook in {@code spool}, which the source then owns.
     *
     * @param sheet the sheet to read, or null for every sheet with data (they must share a header)
     * @throws io.strata.schema.SheetChoiceRequiredException when no sheet is given and the headers differ, or the
     *     sheet given does not exist
     */
    public static XlsxRowSource open(Spool spool, String fileName, String sheet) {
        try {
            WorkbookHeaders.Choice choice = WorkbookHeaders.read(spool, fileName, sheet);
            Workbook workbook = openWorkbook(spool);
            return new XlsxRowSource(spool, workbook, choice);
        } catch (RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    static Workbook openWorkbook(Spool spool) {
        try {
            return StreamingReader.builder()
                    .rowCacheSize(256)
                    .bufferSize(64 * 1024)
                    .open(spool.file().toFile());
        } catch (RuntimeException e) {
            throw new SourceException(
                    null, "the file is a zip archive but not a readable XLSX workbook (" + e.getMessage() + ")", e);
        }
    }

    /** The sheets read, in workbook order. */
    public List<String> sheets() {
        return sheets;
    }

    @Override
    public List<String> columns() {
        return Collections.unmodifiableList(columns);
    }

    @Override
    public boolean next() {
        problem = null;
        try {
            while (true) {
                if (rows == null || !rows.hasNext()) {
                    if (!nextSheet()) {
                        return false;
                    }
                    continue;
                }
                Row row = rows.next();
                if (row.getRowNum() <= headerRow) {
                    continue; // the header, and blank rows before it
                }
                if (read(row)) {
                    location = "sheet " + sheet.getSheetName() + ", row " + (row.getRowNum() + 1);
                    return true;
                }
            }
        } catch (ExcelRuntimeException e) {
            throw new SourceException(location, "the workbook cannot be read past here (" + e.getMessage() + ")", e);
        }
    }

    private boolean nextSheet() {
        if (!sheetNames.hasNext()) {
            return false;
        }
        String name = sheetNames.next();
        sheet = workbook.getSheet(name);
        headerRow = Integer.MAX_VALUE;
        rows = sheet.rowIterator();
        while (rows.hasNext()) {
            Row row = rows.next();
            if (read(row)) {
                headerRow = row.getRowNum();
                break;
            }
        }
        return true;
    }

    /** Reads a row's cells into {@link #values}; false when every cell is blank. */
    private boolean read(Row row) {
        Arrays.fill(values, null);
        size = columns.size();
        boolean any = false;
        int beyond = -1;
        for (Cell cell : row) {
            Object v = Cells.value(cell);
            if (v == null) {
                continue;
            }
            int c = cell.getColumnIndex();
            if (c >= values.length) {
                values = Arrays.copyOf(values, Math.max(c + 1, values.length * 2));
            }
            values[c] = v;
            any = true;
            size = Math.max(size, c + 1);
            if (c >= columns.size() && beyond < 0) {
                beyond = c;
            }
        }
        if (beyond >= 0) {
            problem =
                    "has a value in column " + (beyond + 1) + ", right of the header's " + columns.size() + " columns";
        }
        return any;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Object value(int column) {
        return column < values.length ? values[column] : null;
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void close() {
        try (spool) {
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Typed cell values. */
    static final class Cells {
        private Cells() {}

        static Object value(Cell cell) {
            CellType type = cell.getCellType();
            if (type == CellType.FORMULA) {
                type = cell.getCachedFormulaResultType();
            }
            return switch (type) {
                case NUMERIC -> number(cell);
                case STRING -> {
                    String s = cell.getStringCellValue();
                    yield s == null || s.isEmpty() ? null : s;
                }
                case BOOLEAN -> cell.getBooleanCellValue();
                case ERROR -> error(cell);
                default -> null;
            };
        }

        private static Object number(Cell cell) {
            if (DateUtil.isCellDateFormatted(cell)) {
                return cell.getLocalDateTimeCellValue().toInstant(ZoneOffset.UTC);
            }
            double d = cell.getNumericCellValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return (long) d;
            }
            return d;
        }

        private static String error(Cell cell) {
            try {
                return FormulaError.forInt(cell.getErrorCellValue()).getString();
            } catch (RuntimeException e) {
                return "#ERROR";
            }
        }
    }

    /** Text of a header cell. */
    static String headerText(Cell cell) {
        Object v = Cells.value(cell);
        return v == null ? "" : v.toString().trim();
    }

    static List<String> header(Row row) {
        List<String> names = new ArrayList<>();
        for (Cell cell : row) {
            int c = cell.getColumnIndex();
            while (names.size() <= c) {
                names.add("");
            }
            names.set(c, headerText(cell));
        }
        while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
            names.remove(names.size() - 1);
        }
        return names;
    }
}
