package io.strata.schema;

import blue.strategic.parquet.Dehydrator;
import blue.strategic.parquet.ParquetWriter;
import io.strata.schema.fixtures.Spreadsheets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.schema.MessageType;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** Builds binary test files in memory (XLSX with POI's SXSSF writer, Parquet with parquet-floor's writer). */
final class DataFiles {
    private DataFiles() {}

    static byte[] xlsx(Consumer<SXSSFWorkbook> content) {
        return Spreadsheets.workbook(content);
    }

    /** Flat Parquet rows: each map holds field name to value (Long, Integer, Double, Boolean, String). */
    static byte[] parquet(MessageType schema, List<Map<String, Object>> rows) {
        Dehydrator<Map<String, Object>> dehydrator = (row, writer) -> row.forEach((k, v) -> {
            if (v != null) {
                writer.write(k, v);
            }
        });
        return withTempFile(".parquet", file -> {
            try (ParquetWriter<Map<String, Object>> writer =
                    ParquetWriter.writeFile(schema, file.toFile(), dehydrator)) {
                for (Map<String, Object> row : rows) {
                    writer.write(row);
                }
            }
        });
    }

    interface FileWriter {
        void write(Path file) throws IOException;
    }

    static byte[] withTempFile(String suffix, FileWriter writer) {
        try {
            Path file = Files.createTempFile("strata-test-", suffix);
            try {
                Files.delete(file); // writers refuse to overwrite
                writer.write(file);
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
