package io.strata.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Typed columns written as CSV, TSV, JSON Lines and XLSX are inferred back as the types they were generated as:
 * longs, decimals, booleans, text (including codes with leading zeros, which must stay text) and timestamps.
 */
class TypeRoundTripProperties {

    /** One generated column: its type and its values (null for a missing value), at least one not null. */
    record Column(ColumnType type, List<Object> values) {}

    record Table(List<Column> columns, int rows) {
        String name(int c) {
            return "c" + (c + 1);
        }
    }

    @Provide
    Arbitrary<Table> tables() {
        return Arbitraries.integers()
                .between(1, 25)
                .flatMap(
                        rows -> column(rows).list().ofMinSize(1).ofMaxSize(5).map(columns -> new Table(columns, rows)));
    }

    private Arbitrary<Column> column(int rows) {
        return Arbitraries.of(ColumnType.values()).flatMap(type -> values(type)
                .injectNull(0.1)
                .list()
                .ofSize(rows)
                .filter(values -> values.stream().anyMatch(Objects::nonNull))
                .map(values -> new Column(type, values)));
    }

    private Arbitrary<Object> values(ColumnType type) {
        return switch (type) {
            case LONG -> Arbitraries.longs().between(-9_999_999, 9_999_999).map(v -> v);
            case DOUBLE -> Arbitraries.longs()
                    .between(-10_000_000, 10_000_000)
                    .filter(cents -> cents % 100 != 0)
                    .map(cents -> BigDecimal.valueOf(cents, 2));
            case BOOLEAN -> Arbitraries.of(true, false).map(b -> b);
            case STRING -> Arbitraries.oneOf(
                    Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(s -> "s_" + s),
                    Arbitraries.strings()
                            .numeric()
                            .ofMinLength(2)
                            .ofMaxLength(5)
                            .map(s -> "0" + s));
            case TIMESTAMP -> Arbitraries.longs()
                    .between(
                            Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(),
                            Instant.parse("2030-12-31T23:59:59Z").getEpochSecond())
                    .map(Instant::ofEpochSecond);
        };
    }

    @Property(tries = 40)
    void typesSurviveCsv(@ForAll("tables") Table table) {
        assertTypes(table, Detect.text("t.csv", delimited(table, ",")));
    }

    @Property(tries = 40)
    void typesSurviveTsv(@ForAll("tables") Table table) {
        assertTypes(table, Detect.text("t.tsv", delimited(table, "\t")));
    }

    @Property(tries = 40)
    void typesSurviveJsonLines(@ForAll("tables") Table table) {
        assertTypes(table, Detect.text("t.jsonl", jsonLines(table)));
    }

    @Property(tries = 25) // each try writes and reads a workbook: the slowest format
    void typesSurviveXlsx(@ForAll("tables") Table table) {
        assertTypes(table, Detect.bytes("t.xlsx", xlsx(table), DetectionOptions.defaults()));
    }

    private static void assertTypes(Table table, DetectionResult r) {
        List<ColumnType> expected = table.columns().stream().map(Column::type).toList();
        assertThat(r.schema().columns()).extracting(ColumnSchema::type).containsExactlyElementsOf(expected);
        assertThat(r.report().badRows()).isZero();
        for (int c = 0; c < expected.size(); c++) {
            long nonNull = table.columns().get(c).values().stream()
                    .filter(Objects::nonNull)
                    .count();
            ColumnSchema column = r.schema().columns().get(c);
            assertThat(column.name()).isEqualTo(table.name(c));
            assertThat(r.report().rows() - column.profile().nulls())
                    .as("values of %s", column.name())
                    .isEqualTo(nonNull);
        }
    }

    private static String text(Object v) {
        return v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
    }

    private static String delimited(Table t, String delimiter) {
        StringBuilder b = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (int c = 0; c < t.columns().size(); c++) {
            header.add(t.name(c));
        }
        b.append(String.join(delimiter, header)).append('\n');
        for (int r = 0; r < t.rows(); r++) {
            int row = r;
            b.append(t.columns().stream()
                            .map(col -> col.values().get(row) == null
                                    ? ""
                                    : text(col.values().get(row)))
                            .collect(Collectors.joining(delimiter)))
                    .append('\n');
        }
        return b.toString();
    }

    private static String jsonLines(Table t) {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < t.rows(); r++) {
            List<String> fields = new ArrayList<>();
            for (int c = 0; c < t.columns().size(); c++) {
                Object v = t.columns().get(c).values().get(r);
                String json =
                        v == null ? "null" : v instanceof String || v instanceof Instant ? "\"" + v + "\"" : text(v);
                fields.add("\"" + t.name(c) + "\":" + json);
            }
            b.append('{').append(String.join(",", fields)).append("}\n");
        }
        return b.toString();
    }

    private static byte[] xlsx(Table t) {
        return DataFiles.xlsx(wb -> {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            Sheet sheet = wb.createSheet("data");
            Row header = sheet.createRow(0);
            for (int c = 0; c < t.columns().size(); c++) {
                header.createCell(c).setCellValue(t.name(c));
            }
            for (int r = 0; r < t.rows(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < t.columns().size(); c++) {
                    Object v = t.columns().get(c).values().get(r);
                    if (v == null) {
                        continue;
                    }
                    var cell = row.createCell(c);
                    if (v instanceof Long l) {
                        cell.setCellValue(l);
                    } else if (v instanceof BigDecimal d) {
                        cell.setCellValue(d.doubleValue());
                    } else if (v instanceof Boolean b) {
                        cell.setCellValue(b);
                    } else if (v instanceof Instant i) {
                        cell.setCellValue(i.atOffset(ZoneOffset.UTC).toLocalDateTime());
                        cell.setCellStyle(date);
                    } else {
                        cell.setCellValue((String) v);
                    }
                }
            }
        });
    }
}
