package io.strata.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.schema.cli.DetectCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DetectCommandFormatsTest {
    @TempDir
    Path dir;

    @Test
    void detectPrintsTheFormatOfEveryKindOfFile() throws IOException {
        List<String> files = new ArrayList<>();
        files.add(write("a.csv", "n,s\n1,x\n".getBytes(StandardCharsets.UTF_8)));
        files.add(write("a.tsv", "n\ts\n1\tx\n".getBytes(StandardCharsets.UTF_8)));
        files.add(write("a.json", "[{\"n\":1,\"s\":\"x\"}]".getBytes(StandardCharsets.UTF_8)));
        files.add(write("a.jsonl", "{\"n\":1,\"s\":\"x\"}\n".getBytes(StandardCharsets.UTF_8)));
        files.add(write("a.xlsx", DataFiles.xlsx(wb -> {
            var sheet = wb.createSheet("S");
            sheet.createRow(0).createCell(0).setCellValue("n");
            sheet.createRow(1).createCell(0).setCellValue(1);
        })));
        files.add(write(
                "a.parquet",
                DataFiles.parquet(
                        MessageTypeParser.parseMessageType("message m { required int64 n; }"),
                        List.of(Map.of("n", 1L)))));
        files.add(write("a.arrow", ArrowDetectionTest.write(true, 1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = DetectCommand.run(
                files,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        List<JsonNode> lines = out.toString(StandardCharsets.UTF_8)
                .lines()
                .map(JsonMapper.builder().build()::readTree)
                .toList();
        assertThat(lines)
                .extracting(l -> l.get("format").asString())
                .containsExactly("csv", "tsv", "json", "jsonl", "xlsx", "parquet", "arrow");
        assertThat(lines).allSatisfy(l -> assertThat(l.get("rows").asLong()).isPositive());
        assertThat(lines)
                .extracting(l -> l.get("normalizedFormat").isNull())
                .containsExactly(true, true, false, true, false, false, false);
        assertThat(status).isZero();
    }

    private String write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content).toString();
    }
}
