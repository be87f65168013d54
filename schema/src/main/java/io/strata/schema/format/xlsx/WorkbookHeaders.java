package io.strata.schema.format.xlsx;

import com.github.pjfanning.xlsx.exceptions.ExcelRuntimeException;
import io.strata.schema.SheetChoiceRequiredException;
import io.strata.schema.format.SourceException;
import io.strata.schema.format.Spool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Decides which sheets form the dataset from a first, cheap pass that reads only each sheet's header row. Sheets
 * without data are left out. Without a sheet option, the remaining sheets must share one header.
 */
final class WorkbookHeaders {
    private WorkbookHeaders() {}

    /** The chosen sheets, in workbook order, and their common header. */
    record Choice(List<String> sheets, List<String> header) {}

    static Choice read(Spool spool, String fileName, String wanted) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        try (Workbook workbook = XlsxRowSource.openWorkbook(spool)) {
            for (Sheet sheet : workbook) {
                all.add(sheet.getSheetName());
                for (Row row : sheet) {
                    List<String> header = XlsxRowSource.header(row);
                    if (!header.isEmpty()) {
                        headers.put(sheet.getSheetName(), header);
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExcelRuntimeException e) {
            throw new SourceException(null, "the workbook cannot be read (" + e.getMessage() + ")", e);
        }
        if (wanted != null) {
            String name = all.stream()
                    .filter(wanted::equals)
                    .findFirst()
                    .or(() -> all.stream().filter(wanted::equalsIgnoreCase).findFirst())
                    .orElseThrow(() -> new SheetChoiceRequiredException(
                            fileName, all, "there is no sheet [" + wanted + "]; the workbook has " + all));
            return new Choice(List.of(name), headers.getOrDefault(name, List.of()));
        }
        List<String> withData = new ArrayList<>(headers.keySet());
        if (withData.isEmpty()) {
            return new Choice(List.of(), List.of());
        }
        List<String> first = headers.get(withData.get(0));
        for (String name : withData) {
            if (!headers.get(name).equals(first)) {
                throw new SheetChoiceRequiredException(
                        fileName,
                        withData,
                        "the sheets " + withData + " have different headers (" + withData.get(0) + ": " + first + ", "
                                + name + ": " + headers.get(name) + "); choose one with the sheet option");
            }
        }
        return new Choice(withData, first);
    }
}
