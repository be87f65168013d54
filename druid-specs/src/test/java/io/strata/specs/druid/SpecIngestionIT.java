package io.strata.specs.druid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.strata.schema.DetectionResult;
import io.strata.schema.FileFormat;
import io.strata.schema.SchemaDetector;
import io.strata.specs.SpecJson;
import io.strata.specs.cli.SpecCommand;
import io.strata.specs.generate.GeneratedSpec;
import io.strata.specs.generate.IngestMode;
import io.strata.specs.generate.InputLocation;
import io.strata.specs.generate.SpecGenerator;
import io.strata.specs.generate.SpecOptions;
import io.strata.specs.model.DimensionSchema;
import io.strata.specs.model.Granularity;
import io.strata.specs.model.GranularitySpec;
import io.strata.specs.model.IndexParallelTask;
import io.strata.specs.model.JsonInputFormat;
import io.strata.specs.model.LocalInputSource;
import io.strata.stack.Component;
import io.strata.stack.SharedStack;
import io.strata.stack.StackEndpoints;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Specs generated from real detections are accepted by a real Druid 33 and give back exactly the file's data: every
 * task succeeds, the datasource becomes queryable on the Broker, and its row count and sums equal those computed
 * here from the generated file (with rollup: the sums are equal and the stored rows are the distinct (truncated
 * time, dimensions) tuples). Input comes from S3 (S3Proxy), as Strata ingests it, and once from the local disk, as
 * the command line prints it.
 */
class SpecIngestionIT {

    private static StackEndpoints endpoints;
    private static DruidHttp druid;
    private static S3Files s3;

    @BeforeAll
    static void stack() {
        endpoints = SharedStack.endpoints(System::getProperty, EnumSet.of(Component.S3, Component.DRUID));
        druid = new DruidHttp(endpoints);
        s3 = new S3Files(endpoints, "specs-it");
    }

    @AfterAll
    static void closeS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void csvWithNearlyUniqueRowsIsStoredWithoutRollupRowForRow() {
        SalesFile file = SalesFile.generate(11, 3_000, SalesFile.Times.SECONDS);
        DetectionResult detection = detect("sales.csv", file.csv());
        String uri = s3.put("csv/sales.csv", file.csv());

        GeneratedSpec spec = ingest(detection, options("it_csv").input(s3(uri)).build());

        assertThat(granularity(spec).rollup())
                .as("rollup decided for nearly unique rows")
                .isFalse();
        assertStored("it_csv", spec, file);
    }

    @Test
    void tsvWithRepeatingHourlyRowsIsRolledUpToOneRowPerHourAndDimensions() {
        SalesFile file = SalesFile.generate(12, 3_000, SalesFile.Times.WHOLE_HOURS);
        DetectionResult detection = detect("sales.tsv", file.tsv());
        assertThat(detection.schema().format()).isEqualTo(FileFormat.TSV);
        String uri = s3.put("tsv/sales.tsv", file.tsv());

        GeneratedSpec spec = ingest(detection, options("it_tsv").input(s3(uri)).build());

        assertThat(granularity(spec).rollup())
                .as("rollup decided for hourly repeats")
                .isTrue();
        assertThat(granularity(spec).queryGranularity()).isEqualTo(Granularity.HOUR);
        long stored = assertStored("it_tsv", spec, file);
        assertThat(stored).isLessThan(file.rows());
    }

    @Test
    void csvDruidCannotReadIsIngestedFromItsNormalizedJsonLinesCopy() {
        SalesFile file = SalesFile.generate(13, 2_000, SalesFile.Times.WHOLE_HOURS);
        ByteArrayOutputStream jsonLines = new ByteArrayOutputStream();
        DetectionResult detection = detect("sales-eu.csv", file.semicolonsWithDecimalComma(), jsonLines);
        assertThat(detection.normalizedFormat()).isEqualTo(FileFormat.JSONL);
        String uri = s3.put("normalized/sales-eu.jsonl", jsonLines.toByteArray());

        GeneratedSpec spec =
                ingest(detection, options("it_normalized").input(s3(uri)).build());

        assertThat(spec.task().spec().ioConfig().inputFormat()).isInstanceOf(JsonInputFormat.class);
        assertStored("it_normalized", spec, file);
    }

    @Test
    void jsonLinesFileIsReadByDruidAsItIs() {
        SalesFile file = SalesFile.generate(14, 2_000, SalesFile.Times.SECONDS);
        DetectionResult detection = detect("sales.jsonl", file.jsonLines());
        assertThat(detection.schema().format()).isEqualTo(FileFormat.JSONL);
        assertThat(detection.normalizedFormat()).as("Druid reads it as it is").isNull();
        String uri = s3.put("jsonl/sales.jsonl", file.jsonLines());

        GeneratedSpec spec =
                ingest(detection, options("it_jsonl").input(s3(uri)).build());

        assertThat(spec.task().spec().ioConfig().inputFormat()).isInstanceOf(JsonInputFormat.class);
        assertStored("it_jsonl", spec, file);
    }

    @Test
    void xlsxIsIngestedFromItsNormalizedJsonLinesCopy() {
        SalesFile file = SalesFile.generate(15, 1_500, SalesFile.Times.WHOLE_HOURS);
        ByteArrayOutputStream jsonLines = new ByteArrayOutputStream();
        DetectionResult detection = detect("sales.xlsx", file.xlsx(), jsonLines);
        assertThat(detection.schema().format()).isEqualTo(FileFormat.XLSX);
        assertThat(detection.normalizedFormat()).isEqualTo(FileFormat.JSONL);
        String uri = s3.put("xlsx/sales.jsonl", jsonLines.toByteArray());

        GeneratedSpec spec = ingest(detection, options("it_xlsx").input(s3(uri)).build());

        assertStored("it_xlsx", spec, file);
    }

    @Test
    void appendAddsToTheDatasourceAndReplaceDropsWhatItsIntervalsHeld() {
        SalesFile first = SalesFile.generate(21, 1_200, SalesFile.Times.SECONDS);
        SalesFile second = SalesFile.generate(22, 800, SalesFile.Times.SECONDS);
        SalesFile third = SalesFile.generate(23, 1_000, SalesFile.Times.WHOLE_HOURS);

        GeneratedSpec replaced = ingest(
                detect("first.csv", first.csv()),
                options("it_modes")
                        .input(s3(s3.put("modes/first.csv", first.csv())))
                        .build());
        assertThat(replaced.task().spec().ioConfig().dropExisting()).isTrue();
        assertThat(granularity(replaced).rollup()).isFalse();
        assertThat(totals("it_modes").ingested()).isEqualTo(first.rows());

        GeneratedSpec appended = ingest(
                detect("second.csv", second.csv()),
                options("it_modes")
                        .input(s3(s3.put("modes/second.csv", second.csv())))
                        .mode(IngestMode.APPEND)
                        .build());
        assertThat(appended.task().spec().ioConfig().appendToExisting()).isTrue();
        assertThat(granularity(appended).rollup()).isFalse();
        Totals both = totals("it_modes");
        assertThat(both.ingested()).isEqualTo(first.rows() + second.rows());
        assertThat(both.rows()).isEqualTo(first.rows() + second.rows());
        assertThat(both.units()).isEqualTo(first.units() + second.units());
        assertThat(both.revenue()).isCloseTo(first.revenue() + second.revenue(), within(0.005));

        // Forced rollup at DAY: the third file replaces the first two, rolled up per day and dimensions.
        GeneratedSpec rolledUp = ingest(
                detect("third.csv", third.csv()),
                options("it_modes")
                        .input(s3(s3.put("modes/third.csv", third.csv())))
                        .rollup(true)
                        .queryGranularity(Granularity.DAY)
                        .build());
        assertThat(granularity(rolledUp).rollup()).isTrue();
        assertThat(granularity(rolledUp).intervals())
                .as("the replaced intervals cover the first two files")
                .allSatisfy(interval -> {
                    Instant start = Instant.parse(interval.substring(0, interval.indexOf('/')));
                    Instant end = Instant.parse(interval.substring(interval.indexOf('/') + 1));
                    assertThat(start).isBeforeOrEqualTo(first.firstTime()).isBeforeOrEqualTo(second.firstTime());
                    assertThat(end).isAfter(first.lastTime()).isAfter(second.lastTime());
                });
        long stored = assertStored("it_modes", rolledUp, third);
        assertThat(stored).isEqualTo(third.distinctRows(SalesFile.truncation("DAY")));
    }

    @Test
    void theSpecTheCommandLinePrintsIsSubmittedAsItIsAndReadsTheFileFromTheLocalDisk() throws IOException {
        SalesFile file = SalesFile.generate(31, 2_500, SalesFile.Times.WHOLE_HOURS);
        Path home = Path.of(System.getProperty("strata.stack.home", ".strata/test-stack"));
        Path input = Files.createDirectories(home.resolve("spec-it-input")).resolve("cli-sales.csv");
        Files.write(input, file.csv());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = SpecCommand.run(
                List.of(
                        input.toString(),
                        "--datasource",
                        "it_cli",
                        "--metric",
                        "units",
                        "--metric",
                        "revenue",
                        "--rollup",
                        "false"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        IndexParallelTask task = SpecJson.read(printed, IndexParallelTask.class);
        assertThat(task.spec().ioConfig().inputSource())
                .isEqualTo(LocalInputSource.ofFile(
                        input.toAbsolutePath().normalize().toString()));
        String taskId = druid.submit(printed);
        druid.awaitSuccess(taskId);
        druid.awaitQueryable("it_cli");
        assertStored("it_cli", new GeneratedSpec(task, List.of()), file);
    }

    // --- helpers ---

    private static SpecOptions.Builder options(String dataSource) {
        // Pinned so the sums compare whatever cardinality heuristic the detection applies to units.
        return SpecOptions.builder(dataSource).metrics(List.of("units", "revenue"));
    }

    private static InputLocation s3(String uri) {
        return new InputLocation.S3(List.of(uri));
    }

    private static GeneratedSpec ingest(DetectionResult detection, SpecOptions options) {
        GeneratedSpec spec = SpecGenerator.generate(detection, options);
        String json = SpecJson.write(spec.task());
        assertThat(SpecJson.read(json, IndexParallelTask.class)).isEqualTo(spec.task());
        String taskId = druid.submit(json);
        druid.awaitSuccess(taskId);
        druid.awaitQueryable(options.dataSource());
        return spec;
    }

    private static GranularitySpec granularity(GeneratedSpec spec) {
        return spec.task().dataSchema().granularitySpec();
    }

    /**
     * Asserts the datasource holds exactly {@code file}: every input row counted, the sums equal, the time span
     * right, and as many stored rows as the file has (no rollup) or distinct rollup tuples (rollup).
     *
     * @return the stored row count
     */
    private static long assertStored(String dataSource, GeneratedSpec spec, SalesFile file) {
        assertThat(spec.task().dataSchema().dimensionsSpec().dimensions())
                .extracting(DimensionSchema::name)
                .containsExactlyInAnyOrderElementsOf(SalesFile.DIMENSIONS);
        GranularitySpec granularity = granularity(spec);
        Totals totals = totals(dataSource);
        assertThat(totals.ingested()).as("input rows counted").isEqualTo(file.rows());
        assertThat(totals.units()).as("SUM(units)").isEqualTo(file.units());
        assertThat(totals.revenue()).as("SUM(revenue)").isCloseTo(file.revenue(), within(0.005));
        var truncate =
                SalesFile.truncation(granularity.queryGranularityOrDefault().name());
        assertThat(totals.first()).isEqualTo(truncate.apply(file.firstTime()));
        assertThat(totals.last()).isEqualTo(truncate.apply(file.lastTime()));
        long expectedRows = granularity.rollupOrDefault() ? file.distinctRows(truncate) : file.rows();
        assertThat(totals.rows()).as("stored rows").isEqualTo(expectedRows);
        return totals.rows();
    }

    record Totals(long rows, long ingested, long units, double revenue, Instant first, Instant last) {}

    private static Totals totals(String dataSource) {
        // dataSource is one of this class's constants, never outside input.
        List<Map<String, JsonNode>> rows = druid.sql("SELECT COUNT(*) AS \"rows\", SUM(\"count\") AS \"ingested\","
                + " SUM(\"units\") AS \"units\", SUM(\"revenue\") AS \"revenue\","
                + " MIN(__time) AS \"first\", MAX(__time) AS \"last\" FROM \"" + dataSource + "\"");
        assertThat(rows).hasSize(1);
        Map<String, JsonNode> r = rows.get(0);
        return new Totals(
                r.get("rows").asLong(),
                r.get("ingested").asLong(),
                r.get("units").asLong(),
                r.get("revenue").asDouble(),
                Instant.parse(r.get("first").asString()),
                Instant.parse(r.get("last").asString()));
    }

    private static DetectionResult detect(String name, byte[] content) {
        return SchemaDetector.create(null).detect(new ByteArrayInputStream(content), name);
    }

    private static DetectionResult detect(String name, byte[] content, ByteArrayOutputStream normalized) {
        return SchemaDetector.create(null).detect(new ByteArrayInputStream(content), name, normalized);
    }
}
