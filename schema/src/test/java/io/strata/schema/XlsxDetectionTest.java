package io.strata.schema;

import static io.strata.schema.Detect.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxDetectionTest {

    private static void sales(SXSSFWorkbook wb, String sheetName, String[] header, int firstDay, int rows) {
        CellStyle date = wb.createCellStyle();
        date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
        Sheet sheet = wb.createSheet(sheetName);
        Row h = sheet.createRow(0);
        for (int c = 0; c < header.length; c++) {
            h.createCell(c).setCellValue(header[c]);
        }
        for (int i = 0; i < rows; i++) {
            Row r = sheet.createRow(i + 1);
            var day = r.createCell(0);
            day.setCellValue(LocalDateTime.of(2024, 1, firstDay + i, 9, 30));
            day.setCellStyle(date);
            r.createCell(1).setCellValue(i % 2 == 0 ? "north" : "south");
            r.createCell(2).setCellValue(i + 1);
            r.createCell(3).setCellValue(2.5 * (i + 1));
            r.createCell(4).setCellValue(i % 2 == 0);
            r.createCell(5).setCellValue(String.format("%05d", i + 7));
        }
    }

    private static final String[] HEADER = {"day", "region", "units", "amount", "promo", "store"};

    @Test
    void readsTypedCellsAndExcelDatesAsTimestampsAndWritesAJsonLinesCopy() {
        byte[] book = DataFiles.xlsx(wb -> sales(wb, "Sales", HEADER, 1, 3));

        Detect.Normalized n = Detect.normalized("book.xlsx", book, DetectionOptions.defaults());
        DetectionResult r = n.result();

        assertThat(r.schema().format()).isEqualTo(FileFormat.XLSX);
        assertThat(r.schema().sheets()).containsExactly("Sales");
        assertThat(r.schema().columns())
                .extracting(ColumnSchema::druidName, ColumnSchema::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("day", ColumnType.TIMESTAMP),
                        org.assertj.core.groups.Tuple.tuple("region", ColumnType.STRING),
                        org.assertj.core.groups.Tuple.tuple("units", ColumnType.LONG),
                        org.assertj.core.groups.Tuple.tuple("amount", ColumnType.DOUBLE),
                        org.assertj.core.groups.Tuple.tuple("promo", ColumnType.BOOLEAN),
                        org.assertj.core.groups.Tuple.tuple("store", ColumnType.STRING));
        assertThat(r.schema().timestamp().column()).isEqualTo("day");
        assertThat(r.sample().get(0))
                .containsEntry("day", Instant.parse("2024-01-01T09:30:00Z"))
                .containsEntry("store", "00007")
                .containsEntry("units", 1L);
        assertThat(r.report().rows()).isEqualTo(3);
        assertThat(r.normalizedFormat()).isEqualTo(FileFormat.JSONL);
        assertThat(r.normalizedWritten()).isTrue();
        assertThat(n.jsonl().lines().findFirst().orElseThrow())
                .isEqualTo("{\"day\":\"2024-01-01T09:30:00Z\",\"region\":\"north\",\"units\":1,\"amount\":2.5,"
                        + "\"promo\":true,\"store\":\"00007\"}");
    }

    @Test
    void sheetsWithTheSameHeaderAreOneDatasetAndEmptySheetsAreSkipped() {
        byte[] book = DataFiles.xlsx(wb -> {
            sales(wb, "January", HEADER, 1, 4);
            wb.createSheet("Notes");
            sales(wb, "February", HEADER, 10, 3);
        });

        DetectionResult r = Detect.bytes("two.xlsx", book, DetectionOptions.defaults());

        assertThat(r.schema().sheets()).containsExactly("January", "February");
        assertThat(r.report().rows()).isEqualTo(7);
        assertThat(r.report().badRows()).isZero();
        assertThat(column(r, "units").profile().max()).isEqualTo("4");
    }

    @Test
    void sheetsWithDifferentHeadersNeedAChoiceThenTheChosenSheetIsRead() {
        byte[] book = DataFiles.xlsx(wb -> {
            sales(wb, "Sales", HEADER, 1, 2);
            Sheet other = wb.createSheet("Stores");
            other.createRow(0).createCell(0).setCellValue("store");
            other.createRow(1).createCell(0).setCellValue("Paris");
        });

        assertThatThrownBy(() -> Detect.bytes("mixed.xlsx", book, DetectionOptions.defaults()))
                .isInstanceOfSatisfying(SheetChoiceRequiredException.class, e -> {
                    assertThat(e.sheets()).containsExactly("Sales", "Stores");
                    assertThat(e.file()).isEqualTo("mixed.xlsx");
                    assertThat(e.getMessage()).contains("mixed.xlsx").contains("sheet option");
                });
        DetectionResult stores = Detect.bytes(
                "mixed.xlsx", book, DetectionOptions.builder().sheet("Stores").build());
        assertThat(stores.schema().sheets()).containsExactly("Stores");
        assertThat(stores.schema().columns()).extracting(ColumnSchema::name).containsExactly("store");
        assertThat(stores.report().rows()).isEqualTo(1);
    }

    @Test
    void aSheetNameThatIsNotInTheWorkbookListsTheSheets() {
        byte[] book = DataFiles.xlsx(wb -> sales(wb, "Sales", HEADER, 1, 1));

        assertThatThrownBy(() -> Detect.bytes(
                        "b.xlsx", book, DetectionOptions.builder().sheet("Nope").build()))
                .isInstanceOf(SheetChoiceRequiredException.class)
                .hasMessageContaining("no sheet [Nope]")
                .hasMessageContaining("[Sales]");
    }

    @Test
    void aWorkbookWithOnlyEmptySheetsIsEmpty() {
        byte[] book = DataFiles.xlsx(wb -> {
            wb.createSheet("A");
            wb.createSheet("B");
        });

        DetectionResult r = Detect.bytes("empty.xlsx", book, DetectionOptions.defaults());

        assertThat(r.report().rows()).isZero();
        assertThat(r.report().verdict()).startsWith("empty");
        assertThat(r.report().withinBudget()).isFalse();
    }

    @Test
    void reportsAValueRightOfTheHeaderWithItsSheetAndRow() {
        byte[] book = DataFiles.xlsx(wb -> {
            Sheet s = wb.createSheet("Data");
            s.createRow(0).createCell(0).setCellValue("n");
            s.createRow(1).createCell(0).setCellValue(1);
            Row bad = s.createRow(2);
            bad.createCell(0).setCellValue(2);
            bad.createCell(3).setCellValue("stray");
        });

        DetectionResult r = Detect.bytes("stray.xlsx", book, DetectionOptions.defaults());

        assertThat(r.report().badRows()).isEqualTo(1);
        assertThat(r.report().problems().get(0).reason()).contains("column 4").contains("sheet Data, row 3");
    }

    @Test
    void aWorkbookLargerThanTheSpoolLimitIsRefusedAndLeavesNoTemporaryFile() throws IOException {
        byte[] book = DataFiles.xlsx(wb -> sales(wb, "Sales", HEADER, 1, 20));
        Set<Path> before = spooled();

        assertThatThrownBy(() -> Detect.bytes(
                        "big.xlsx",
                        book,
                        DetectionOptions.builder().maxSpoolBytes(1000).build()))
                .isInstanceOfSatisfying(
                        FileTooLargeException.class, e -> assertThat(e.limit()).isEqualTo(1000))
                .hasMessageContaining("big.xlsx");
        Detect.bytes("ok.xlsx", book, DetectionOptions.defaults());

        assertThat(spooled()).isSubsetOf(before);
    }

    @Test
    void aZipThatIsNotAWorkbookIsUndecodable() throws IOException {
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry("hello.txt"));
            z.write("hi".getBytes());
        }

        assertThatThrownBy(() -> Detect.bytes("fake.xlsx", zip.toByteArray(), DetectionOptions.defaults()))
                .isInstanceOf(UndecodableFileException.class)
                .hasMessageContaining("fake.xlsx")
                .hasMessageContaining("not a readable XLSX workbook");
    }

    static Set<Path> spooled() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("strata-spool-"))
                    .collect(Collectors.toSet());
        }
    }

    static List<String> names(DetectionResult r) {
        return r.schema().columns().stream().map(ColumnSchema::name).toList();
    }
}
