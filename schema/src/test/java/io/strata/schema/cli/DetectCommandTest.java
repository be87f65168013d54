package io.strata.schema.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DetectCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DetectCommand.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<JsonNode> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().map(JSON::readTree).toList();
    }

    @Test
    void printsOneJsonObjectPerFileWithTheContractFields() throws IOException {
        Path csv = Files.writeString(dir.resolve("events.csv"), "time,country,amount\n2024-01-01T00:00:00Z,FR,1.5\n");

        int status = run(csv.toString());

        assertThat(status).isZero();
        JsonNode line = lines().get(0);
        assertThat(line.get("file").asString()).isEqualTo(csv.toString());
        assertThat(line.get("format").asString()).isEqualTo("csv");
        assertThat(line.get("rows").asLong()).isEqualTo(1);
        assertThat(line.get("timestampColumn").asString()).isEqualTo("time");
        assertThat(line.get("timestampFormat").asString()).isEqualTo("iso");
        JsonNode amount = line.get("columns").get(2);
        assertThat(amount.get("name").asString()).isEqualTo("amount");
        assertThat(amount.get("druidName").asString()).isEqualTo("amount");
        assertThat(amount.get("type").asString()).isEqualTo("DOUBLE");
        assertThat(amount.get("role").asString()).isEqualTo("METRIC");
        assertThat(amount.get("nulls").asLong()).isZero();
        assertThat(amount.get("invalid").asLong()).isZero();
        assertThat(amount.get("reason").asString()).isNotBlank();
    }

    @Test
    void reportsAnUnreadableFileAndStillReportsTheOthersThenFails() throws IOException {
        Path good = Files.writeString(dir.resolve("good.csv"), "a\n1\n");
        Path missing = dir.resolve("missing.csv");
        Path corrupt = Files.write(dir.resolve("broken.parquet"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        int status = run(missing.toString(), good.toString(), corrupt.toString());

        assertThat(status).isEqualTo(1);
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("file").asString()).isEqualTo(missing.toString());
        assertThat(lines.get(0).get("error").asString()).contains("no such file");
        assertThat(lines.get(1).get("rows").asLong()).isEqualTo(1);
        assertThat(lines.get(2).get("error").asString())
                .contains("broken.parquet")
                .contains("does not start like one");
    }

    @Test
    void failsWhenAFileIsOverItsErrorBudget() throws IOException {
        Path csv = Files.writeString(dir.resolve("r.csv"), "a,b\n1\n2\n");

        assertThat(run("--max-bad-rows", "0", csv.toString())).isEqualTo(1);
        assertThat(lines().get(0).get("withinBudget").asBoolean()).isFalse();
    }

    @Test
    void rejectsUnknownOptionsWithUsage() {
        assertThat(run("--frobnicate", "x.csv")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown option --frobnicate")
                .contains("usage");
    }

    @Test
    void rejectsAMissingFileList() {
        assertThat(run()).isEqualTo(2);
    }
}
