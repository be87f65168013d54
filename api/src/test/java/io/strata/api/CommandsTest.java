package io.strata.api;

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

class CommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void detectPrintsOneJsonLinePerFileAndFailsForTheUnreadableOne(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("sales.csv");
        Files.writeString(
                csv,
                "time,region,revenue\n2024-01-01T00:00:00Z,EU,10.5\n2024-01-02T00:00:00Z,US,3\n",
                StandardCharsets.UTF_8);
        Path missing = dir.resolve("missing.csv");

        int status = run("detect", csv.toString(), missing.toString());

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = JsonMapper.builder().build().readTree(lines.get(0));
        assertThat(first.path("file").asText()).isEqualTo(csv.toString());
        assertThat(first.path("format").asText()).isEqualTo("csv");
        assertThat(first.path("rows").asLong()).isEqualTo(2);
        assertThat(first.path("timestampColumn").asText()).isEqualTo("time");
        JsonNode second = JsonMapper.builder().build().readTree(lines.get(1));
        assertThat(second.path("file").asText()).isEqualTo(missing.toString());
        assertThat(second.path("error").asText()).contains("missing.csv");
        assertThat(status).isNotZero();
    }

    @Test
    void specPrintsTheIngestionSpecForTheFileAndExplainsItsDecisions(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("sales.csv");
        Files.writeString(
                csv,
                "time,region,revenue\n2024-01-01T00:00:00Z,EU,10.5\n2024-01-02T00:00:00Z,US,3\n",
                StandardCharsets.UTF_8);

        int status = run("spec", csv.toString(), "--datasource", "sales");

        assertThat(status).isZero();
        JsonNode spec = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(spec.path("type").asText()).isEqualTo("index_parallel");
        JsonNode dataSchema = spec.path("spec").path("dataSchema");
        assertThat(dataSchema.path("dataSource").asText()).isEqualTo("sales");
        assertThat(dataSchema.path("timestampSpec").path("column").asText()).isEqualTo("time");

        out.reset();
        assertThat(run("spec", csv.toString(), "--datasource", "sales", "--explain"))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("time");
    }

    @Test
    void anUnknownCommandPrintsTheUsageAndExitsWithTwo() {
        int status = run("frobnicate");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown command 'frobnicate'")
                .contains("detect FILE...");
    }

    private int run(String command, String... args) {
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return Commands.run(command, List.of(args), o, e);
        }
    }
}
