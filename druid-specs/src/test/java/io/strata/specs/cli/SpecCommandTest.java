package io.strata.specs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.schema.DetectionResult;
import io.strata.schema.SchemaDetector;
import io.strata.specs.SpecJson;
import io.strata.specs.generate.Decision;
import io.strata.specs.generate.GeneratedSpec;
import io.strata.specs.generate.SpecGenerator;
import io.strata.specs.generate.SpecOptions;
import io.strata.specs.model.CsvInputFormat;
import io.strata.specs.model.DimensionSchema;
import io.strata.specs.model.DynamicPartitionsSpec;
import io.strata.specs.model.Granularity;
import io.strata.specs.model.IndexParallelTask;
import io.strata.specs.model.JsonInputFormat;
import io.strata.specs.model.LocalInputSource;
import io.strata.specs.model.LongSumAggregatorFactory;
import io.strata.specs.model.S3InputSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecCommandTest {

    @TempDir
    Path dir;

    Path sales;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** 400 hourly sales rows over two days: 3 countries, 2 devices, units 1..200, revenue with cents. */
    @BeforeEach
    void writeSales() throws IOException {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("ts,country,device,units,revenue\n");
        String[] countries = {"FR", "DE", "US"};
        String[] devices = {"ios", "web"};
        for (int i = 0; i < 400; i++) {
            csv.append(String.format(
                    "2024-03-%02dT%02d:00:00Z,%s,%s,%d,%d.%02d%n",
                    1 + random.nextInt(2),
                    random.nextInt(24),
                    countries[random.nextInt(3)],
                    devices[random.nextInt(2)],
                    1 + random.nextInt(200),
                    random.nextInt(1000),
                    random.nextInt(100)));
        }
        sales = Files.writeString(dir.resolve("sales.csv"), csv);
    }

    private int run(String... args) {
        return SpecCommand.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printedJsonParsesBackIntoTheTaskTheGeneratorMakesForTheFile() throws IOException {
        int status = run(sales.toString(), "--datasource", "sales");

        assertThat(status).as(err()).isZero();
        assertThat(err()).isEmpty();
        IndexParallelTask printed = SpecJson.read(out(), IndexParallelTask.class);
        DetectionResult detection;
        try (InputStream in = Files.newInputStream(sales)) {
            detection = SchemaDetector.create(null).detect(in, sales.toString());
        }
        GeneratedSpec expected =
                SpecGenerator.generate(detection, SpecOptions.builder("sales").build());
        assertThat(printed).isEqualTo(expected.task());
        assertThat(SpecJson.write(printed)).isEqualTo(out().strip());
    }

    @Test
    void byDefaultTheSpecReadsTheFileItselfFromTheLocalDisk() {
        assertThat(run(sales.toString(), "--datasource", "sales")).isZero();

        IndexParallelTask task = SpecJson.read(out(), IndexParallelTask.class);
        assertThat(task.spec().ioConfig().inputSource())
                .isEqualTo(LocalInputSource.ofFile(sales.toAbsolutePath().toString()));
        assertThat(task.spec().ioConfig().inputFormat()).isInstanceOf(CsvInputFormat.class);
        assertThat(task.dataSchema().dataSource()).isEqualTo("sales");
    }

    @Test
    void overridesReachTheSpec() {
        int status = run(
                sales.toString(),
                "--datasource",
                "sales_by_day",
                "--timestamp",
                "ts",
                "--metric",
                "units",
                "--dimension",
                "revenue",
                "--type",
                "revenue=string",
                "--exclude",
                "device",
                "--rollup",
                "true",
                "--query-granularity",
                "day",
                "--segment-granularity",
                "month",
                "--mode",
                "append",
                "--input",
                "s3://uploads/2024/sales.csv");

        assertThat(status).as(err()).isZero();
        IndexParallelTask task = SpecJson.read(out(), IndexParallelTask.class);
        var schema = task.dataSchema();
        assertThat(schema.timestampSpec().column()).isEqualTo("ts");
        assertThat(schema.metricsSpec()).contains(LongSumAggregatorFactory.of("units", "units"));
        assertThat(schema.dimensionsSpec().dimensions())
                .extracting(DimensionSchema::name)
                .containsExactlyInAnyOrder("country", "revenue")
                .doesNotContain("device");
        assertThat(schema.granularitySpec().rollup()).isTrue();
        assertThat(schema.granularitySpec().queryGranularity()).isEqualTo(Granularity.of("day"));
        assertThat(schema.granularitySpec().segmentGranularity()).isEqualTo(Granularity.of("month"));
        assertThat(task.spec().ioConfig().appendToExisting()).isTrue();
        assertThat(task.spec().ioConfig().dropExisting()).isNull();
        assertThat(task.spec().tuningConfig().partitionsSpec()).isInstanceOf(DynamicPartitionsSpec.class);
        assertThat(task.spec().ioConfig().inputSource())
                .isEqualTo(S3InputSource.ofUris(List.of("s3://uploads/2024/sales.csv")));
    }

    @Test
    void aLocalDirectoryWithAFilterBecomesALocalInputSource() {
        assertThat(run(sales.toString(), "--datasource", "sales", "--input", "local:" + dir + ":*.csv"))
                .as(err())
                .isZero();

        IndexParallelTask task = SpecJson.read(out(), IndexParallelTask.class);
        assertThat(task.spec().ioConfig().inputSource())
                .isEqualTo(new LocalInputSource(dir.toAbsolutePath().toString(), "*.csv", null));
    }

    @Test
    void explainPrintsEveryColumnAndEveryDecisionOnOneLineWithItsReason() throws IOException {
        assertThat(run(sales.toString(), "--datasource", "sales", "--explain")).isZero();

        DetectionResult detection;
        try (InputStream in = Files.newInputStream(sales)) {
            detection = SchemaDetector.create(null).detect(in, sales.toString());
        }
        List<Decision> decisions = SpecGenerator.generate(
                        detection, SpecOptions.builder("sales").build())
                .decisions();
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(detection.schema().columns().size() + decisions.size());
        List<String> expected = new ArrayList<>();
        detection.schema().columns().forEach(c -> expected.add("column " + c.druidName() + ": "));
        decisions.forEach(d -> expected.add(d.topic() + ": " + d.choice() + " \u2014 " + d.reason()));
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).startsWith(expected.get(i)).contains(" \u2014 ");
        }
        assertThat(lines).anyMatch(l -> l.startsWith("rollup: "));
        assertThat(out()).doesNotContain("\"dataSchema\"");
    }

    @Test
    void sqlFormatPrintsReplaceByDefaultAndInsertForAppend() {
        assertThat(run(sales.toString(), "--datasource", "sales", "--format", "sql"))
                .isZero();
        assertThat(out()).contains("REPLACE INTO \"sales\" OVERWRITE").contains("EXTERN(");

        out.reset();
        assertThat(run(sales.toString(), "--datasource", "sales", "--format", "sql", "--mode", "append"))
                .isZero();
        assertThat(out()).contains("INSERT INTO \"sales\"").doesNotContain("REPLACE INTO");
    }

    @Test
    void helpPrintsTheUsageToStdout() {
        assertThat(run("--help")).isZero();
        assertThat(out()).startsWith("usage: spec FILE --datasource NAME");
    }

    @Test
    void aMissingDatasourceIsAUsageError() {
        assertThat(run(sales.toString())).isEqualTo(2);
        assertThat(err()).startsWith("spec: --datasource NAME is required").contains("usage: spec");
        assertThat(out()).isEmpty();
    }

    @Test
    void aMissingFileIsAUsageError() {
        assertThat(run("--datasource", "sales")).isEqualTo(2);
        assertThat(err()).startsWith("spec: no FILE given");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--rollup=maybe",
                "--rollup maybe",
                "--mode upsert",
                "--format yaml",
                "--input ftp://host/file.csv",
                "--input local:/data:",
                "--type units",
                "--type units=date",
                "--query-granularity fortnight",
                "--max-parse-exceptions -3",
                "--datasource",
                "--timestamp =iso"
            })
    void malformedOptionsAreUsageErrorsNamingTheOption(String options) {
        List<String> args = new ArrayList<>(List.of(sales.toString()));
        if (!options.equals("--datasource")) {
            args.addAll(List.of("--datasource", "sales"));
        }
        args.addAll(List.of(options.split(" ")));

        assertThat(run(args.toArray(String[]::new))).isEqualTo(2);
        assertThat(err())
                .startsWith("spec: ")
                .contains(options.split("[ =]")[0])
                .contains("usage: spec");
        assertThat(out()).isEmpty();
    }

    @Test
    void aFileThatDoesNotExistExitsOneNamingIt() {
        Path missing = dir.resolve("missing.csv");

        assertThat(run(missing.toString(), "--datasource", "sales")).isEqualTo(1);
        assertThat(err()).isEqualTo("spec: " + missing + ": no such file; check the path" + System.lineSeparator());
        assertThat(out()).isEmpty();
    }

    @Test
    void aDirectoryOrAnUnreadableFileExitsOneNamingIt() throws IOException {
        assertThat(run(dir.toString(), "--datasource", "sales")).isEqualTo(1);
        assertThat(err()).startsWith("spec: " + dir + ": is a directory");

        err.reset();
        Path fake = Files.writeString(dir.resolve("data.parquet"), "not parquet at all");
        assertThat(run(fake.toString(), "--datasource", "sales")).isEqualTo(1);
        assertThat(err()).startsWith("spec: " + fake + ": ").contains("parquet");
        assertThat(out()).isEmpty();
    }

    @Test
    void anUnknownColumnInAnOverrideExitsOneListingTheColumns() {
        assertThat(run(sales.toString(), "--datasource", "sales", "--metric", "profit"))
                .isEqualTo(1);
        assertThat(err())
                .contains(sales.toString())
                .contains("--metric names [profit]")
                .contains("[ts, country, device, units, revenue]");
    }

    @Test
    void rowsOverTheErrorBudgetExitOneUnlessDruidMaySkipThem() throws IOException {
        StringBuilder csv = new StringBuilder("ts,country,units\n");
        for (int i = 0; i < 100; i++) {
            csv.append(String.format("2024-03-01T%02d:00:00Z,FR,%d%s%n", i % 24, i * 7, i % 10 == 0 ? ",extra" : ""));
        }
        Path bad = Files.writeString(dir.resolve("bad.csv"), csv);

        assertThat(run(bad.toString(), "--datasource", "bad")).isEqualTo(1);
        assertThat(err()).contains(bad.toString()).contains("--max-parse-exceptions");
        assertThat(out()).isEmpty();

        err.reset();
        assertThat(run(bad.toString(), "--datasource", "bad", "--max-parse-exceptions", "10"))
                .isZero();
        IndexParallelTask task = SpecJson.read(out(), IndexParallelTask.class);
        assertThat(task.spec().tuningConfig().maxParseExceptions()).isEqualTo(10);
    }

    @Test
    void aFileDruidCannotReadAsItIsNeedsANormalizedCopy() throws IOException {
        Path semicolons = Files.writeString(
                dir.resolve("semicolons.csv"),
                "ts;country;units;revenue\n2024-03-01 10:00:00;FR;3;1,5\n2024-03-01 11:00:00;DE;4;2,25\n");

        assertThat(run(semicolons.toString(), "--datasource", "s")).isEqualTo(1);
        assertThat(err()).contains(semicolons.toString()).contains("--write-normalized PATH");

        err.reset();
        Path copy = dir.resolve("semicolons.jsonl");
        assertThat(run(semicolons.toString(), "--datasource", "s", "--write-normalized", copy.toString()))
                .as(err())
                .isZero();
        assertThat(Files.readAllLines(copy)).hasSize(2).first().asString().contains("\"revenue\":1.5");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
        IndexParallelTask task = SpecJson.read(out(), IndexParallelTask.class);
        assertThat(task.spec().ioConfig().inputSource())
                .isEqualTo(LocalInputSource.ofFile(copy.toAbsolutePath().toString()));
        assertThat(task.spec().ioConfig().inputFormat()).isInstanceOf(JsonInputFormat.class);
        assertThat(task.dataSchema().timestampSpec().format()).isEqualTo("iso");
    }
}
