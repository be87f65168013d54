package io.strata.specs.generate;

import static io.strata.schema.ColumnRole.DIMENSION;
import static io.strata.schema.ColumnRole.METRIC;
import static io.strata.schema.ColumnType.DOUBLE;
import static io.strata.schema.ColumnType.LONG;
import static io.strata.schema.ColumnType.STRING;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.schema.DetectionResult;
import io.strata.schema.FileFormat;
import io.strata.specs.SpecJson;
import io.strata.specs.model.AggregatorFactory;
import io.strata.specs.model.CountAggregatorFactory;
import io.strata.specs.model.CsvInputFormat;
import io.strata.specs.model.DataSchema;
import io.strata.specs.model.DimensionRangePartitionsSpec;
import io.strata.specs.model.DimensionSchema;
import io.strata.specs.model.DoubleSumAggregatorFactory;
import io.strata.specs.model.DynamicPartitionsSpec;
import io.strata.specs.model.Granularity;
import io.strata.specs.model.IndexParallelTask;
import io.strata.specs.model.JsonInputFormat;
import io.strata.specs.model.LocalInputSource;
import io.strata.specs.model.LongDimensionSchema;
import io.strata.specs.model.LongSumAggregatorFactory;
import io.strata.specs.model.S3InputSource;
import io.strata.specs.model.StringDimensionSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecGeneratorTest {

    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    /** 60 rows over 3 hours: 3 devices x 2 countries x 1 store, so rows repeat within each hour. */
    static DetectionResult hourlySales() {
        Detections d = Detections.of("sales.csv", FileFormat.CSV)
                .timestampColumn("ts", "iso")
                .column("device", STRING, DIMENSION)
                .column("country", STRING, DIMENSION)
                .column("store_id", LONG, DIMENSION)
                .column("units", LONG, METRIC)
                .column("revenue", DOUBLE, METRIC);
        String[] devices = {"ios", "android", "web"};
        String[] countries = {"FR", "DE"};
        for (int i = 0; i < 60; i++) {
            Instant hour = T0.plus(Duration.ofHours(i / 20));
            d.row(hour, devices[i % 3], countries[i % 2], 7L, (long) i, i * 1.5);
        }
        return d.build();
    }

    @Test
    void rolledUpHourlyDataGetsRollupAtHourGranularityAndLowCardinalityDimensionsFirst() {
        GeneratedSpec generated = SpecGenerator.generate(
                hourlySales(), SpecOptions.builder("sales").build());
        DataSchema schema = generated.task().dataSchema();

        assertThat(schema.timestampSpec().column()).isEqualTo("ts");
        assertThat(schema.timestampSpec().format()).isEqualTo("iso");
        assertThat(schema.dimensionsSpec().dimensions())
                .extracting(DimensionSchema::name)
                .containsExactly("store_id", "country", "device");
        assertThat(schema.dimensionsSpec().dimensions().get(0)).isInstanceOf(LongDimensionSchema.class);
        assertThat(schema.metricsSpec())
                .containsExactly(
                        new CountAggregatorFactory("count"),
                        LongSumAggregatorFactory.of("units", "units"),
                        DoubleSumAggregatorFactory.of("revenue", "revenue"));
        assertThat(schema.granularitySpec().rollup()).isTrue();
        assertThat(schema.granularitySpec().queryGranularity()).isEqualTo(Granularity.HOUR);
        assertThat(schema.granularitySpec().segmentGranularity()).isEqualTo(Granularity.YEAR);
        assertThat(schema.granularitySpec().intervals()).containsExactly("2024-01-01T00:00:00Z/2025-01-01T00:00:00Z");
        DetectionResult detection = hourlySales();
        long groups = detection.sample().stream()
                .map(r -> List.of(
                        ((Instant) r.get("ts")).truncatedTo(java.time.temporal.ChronoUnit.HOURS),
                        r.get("device"),
                        r.get("country"),
                        r.get("store_id")))
                .distinct()
                .count();
        long expectedPercent = Math.round(100.0 * groups / detection.sample().size());
        assertThat(generated.decision("rollup").orElseThrow().reason()).contains(expectedPercent + "%");
    }

    @Test
    void csvIsReadWithExplicitDruidNamesAndTheHeaderSkipped() {
        IndexParallelTask task = SpecGenerator.generate(
                        hourlySales(), SpecOptions.builder("sales").build())
                .task();

        assertThat(task.spec().ioConfig().inputFormat())
                .isEqualTo(new CsvInputFormat(
                        List.of("ts", "device", "country", "store_id", "units", "revenue"), null, null, 1));
        assertThat(task.spec().ioConfig().inputSource()).isInstanceOf(LocalInputSource.class);
        assertThat(((LocalInputSource) task.spec().ioConfig().inputSource())
                        .files()
                        .get(0))
                .endsWith("sales.csv");
    }

    @Test
    void replaceIsTheDefaultAndDropsExistingDataInTheFileIntervals() {
        IndexParallelTask task = SpecGenerator.generate(
                        hourlySales(), SpecOptions.builder("sales").build())
                .task();

        assertThat(task.spec().ioConfig().appendToExisting()).isFalse();
        assertThat(task.spec().ioConfig().dropExisting()).isTrue();
        assertThat(task.spec().tuningConfig().partitionsSpec()).isEqualTo(new DynamicPartitionsSpec(5_000_000, null));
        assertThat(task.spec().tuningConfig().maxParseExceptions()).isZero();
    }

    @Test
    void nearlyUniqueRowsWithMillisecondTimesTurnRollupOff() {
        Detections d = Detections.of("events.jsonl", FileFormat.JSONL)
                .timestampColumn("time", "iso")
                .column("user", STRING, DIMENSION)
                .column("latency", DOUBLE, METRIC);
        for (int i = 0; i < 50; i++) {
            d.row(T0.plusMillis(i * 1_001L), "user-" + i, i * 0.1);
        }

        GeneratedSpec generated =
                SpecGenerator.generate(d.build(), SpecOptions.builder("events").build());

        assertThat(generated.task().dataSchema().granularitySpec().rollup()).isFalse();
        assertThat(generated.task().dataSchema().granularitySpec().queryGranularity())
                .isEqualTo(Granularity.NONE);
        assertThat(generated.decision("rollup").orElseThrow().reason())
                .contains("100%")
                .contains("nearly unique");
        assertThat(generated.task().spec().ioConfig().inputFormat()).isEqualTo(JsonInputFormat.plain());
    }

    @Test
    void fileWithoutTimestampGetsConstantMissingValueAndExplainsIt() {
        Detections d = Detections.of("people.csv", FileFormat.CSV)
                .column("name", STRING, DIMENSION)
                .column("age", LONG, METRIC);
        d.row("ann", 31L).row("bob", 42L);

        GeneratedSpec generated =
                SpecGenerator.generate(d.build(), SpecOptions.builder("people").build());
        DataSchema schema = generated.task().dataSchema();

        assertThat(schema.timestampSpec().missingValue()).isEqualTo(SpecOptions.DEFAULT_MISSING_TIMESTAMP);
        assertThat(schema.timestampSpec().column()).isEqualTo("timestamp");
        assertThat(schema.granularitySpec().intervals()).containsExactly("2000-01-01T00:00:00Z/2000-01-02T00:00:00Z");
        assertThat(generated.decision("timestamp").orElseThrow().reason()).contains("no usable timestamp");
    }

    @Test
    void missingValueColumnNeverCollidesWithARealColumn() {
        Detections d = Detections.of("odd.csv", FileFormat.CSV).column("timestamp", STRING, DIMENSION);
        d.row("not a time");

        DataSchema schema = SpecGenerator.generate(
                        d.build(), SpecOptions.builder("odd").build())
                .task()
                .dataSchema();

        assertThat(schema.timestampSpec().column()).isEqualTo("_timestamp");
    }

    @Test
    void optionsOverrideEveryDecision() {
        SpecOptions options = SpecOptions.builder("sales")
                .rollup(false)
                .queryGranularity(Granularity.MINUTE)
                .segmentGranularity(Granularity.DAY)
                .dimensions(List.of("units"))
                .metrics(List.of("store_id"))
                .exclude(List.of("device"))
                .input(InputLocation.parse("s3://bucket/sales.csv"))
                .mode(IngestMode.APPEND)
                .maxParseExceptions(7)
                .maxNumConcurrentSubTasks(3)
                .build();

        IndexParallelTask task = SpecGenerator.generate(hourlySales(), options).task();
        DataSchema schema = task.dataSchema();

        assertThat(schema.granularitySpec().rollup()).isFalse();
        assertThat(schema.granularitySpec().queryGranularity()).isEqualTo(Granularity.MINUTE);
        assertThat(schema.granularitySpec().segmentGranularity()).isEqualTo(Granularity.DAY);
        assertThat(schema.dimensionsSpec().dimensions())
                .extracting(DimensionSchema::name)
                .containsExactly("country", "units");
        assertThat(schema.metricsSpec())
                .extracting(AggregatorFactory::name)
                .containsExactly("count", "store_id", "revenue");
        assertThat(task.spec().ioConfig().inputSource())
                .isEqualTo(S3InputSource.ofUris(List.of("s3://bucket/sales.csv")));
        assertThat(task.spec().ioConfig().appendToExisting()).isTrue();
        assertThat(task.spec().ioConfig().dropExisting()).isNull();
        assertThat(task.spec().tuningConfig().maxParseExceptions()).isEqualTo(7);
        assertThat(task.spec().tuningConfig().maxNumConcurrentSubTasks()).isEqualTo(3);
    }

    @Test
    void bigRolledUpFileGetsRangePartitioningOnLowCardinalityStrings() {
        Detections d = Detections.of("big.csv", FileFormat.CSV)
                .timestampColumn("ts", "iso")
                .column("country", STRING, DIMENSION)
                .column("n", LONG, METRIC);
        for (int i = 0; i < 40; i++) {
            d.row(T0.plus(Duration.ofDays(i % 2)), i % 2 == 0 ? "FR" : "DE", 1L);
        }
        GeneratedSpec generated = SpecGenerator.generate(
                d.totalRows(40_000_000).build(), SpecOptions.builder("big").build());

        assertThat(generated.task().spec().tuningConfig().partitionsSpec())
                .isEqualTo(new DimensionRangePartitionsSpec(List.of("country"), 5_000_000, null, null));
        assertThat(generated.task().spec().tuningConfig().forceGuaranteedRollup())
                .isTrue();
        assertThat(generated.task().dataSchema().granularitySpec().segmentGranularity())
                .isEqualTo(Granularity.DAY);
    }

    @Test
    void badRowsWithinTheValidatorBudgetBecomeTheParseExceptionBudget() {
        Detections d = Detections.of("sales.csv", FileFormat.CSV).timestampColumn("ts", "iso");
        d.row(T0).badRows(3, true);

        IndexParallelTask task = SpecGenerator.generate(
                        d.build(), SpecOptions.builder("s").build())
                .task();

        assertThat(task.spec().tuningConfig().maxParseExceptions()).isEqualTo(3);
        assertThat(task.spec().tuningConfig().logParseExceptions()).isTrue();
    }

    @Test
    void normalizedCopyIsReadAsJsonWithIsoTimestamps() {
        Detections d = Detections.of("book.xlsx", FileFormat.XLSX)
                .timestampColumn("day", "M/d/yyyy")
                .column("region", STRING, DIMENSION)
                .normalizedTo(FileFormat.JSONL);
        d.row(T0, "north");
        SpecOptions options = SpecOptions.builder("book")
                .input(InputLocation.parse("s3://uploads/book.jsonl"))
                .build();

        IndexParallelTask task = SpecGenerator.generate(d.build(), options).task();

        assertThat(task.spec().ioConfig().inputFormat()).isEqualTo(JsonInputFormat.plain());
        assertThat(task.dataSchema().timestampSpec().format()).isEqualTo("iso");
    }

    @Test
    void nestedJsonFieldsAreFlattenedIntoTheirDruidNames() {
        Detections d = Detections.of("nested.jsonl", FileFormat.JSONL)
                .timestampColumn("ts", "iso")
                .column("user.name", "user_name", STRING, DIMENSION, false)
                .column("tags", "tags", STRING, DIMENSION, true);
        d.row(T0, "ann", List.of("a", "b"));

        IndexParallelTask task = SpecGenerator.generate(
                        d.build(), SpecOptions.builder("n").build())
                .task();

        JsonInputFormat format = (JsonInputFormat) task.spec().ioConfig().inputFormat();
        assertThat(format.flattenSpec().fields()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("user_name");
            assertThat(f.expr()).isEqualTo("$['user']['name']");
        });
        assertThat(task.dataSchema().dimensionsSpec().dimension("tags").orElseThrow())
                .isEqualTo(
                        new StringDimensionSchema("tags", io.strata.specs.model.MultiValueHandling.SORTED_ARRAY, null));
    }

    @Test
    void generatedSpecRoundTripsThroughJson() {
        IndexParallelTask task = SpecGenerator.generate(
                        hourlySales(), SpecOptions.builder("sales").build())
                .task();

        assertThat(SpecJson.read(SpecJson.write(task), IndexParallelTask.class)).isEqualTo(task);
    }

    @Test
    void everyDecisionHasAReason() {
        GeneratedSpec generated = SpecGenerator.generate(
                hourlySales(), SpecOptions.builder("sales").build());

        assertThat(generated.decisions())
                .extracting(Decision::topic)
                .contains(
                        "inputSource",
                        "inputFormat",
                        "timestamp",
                        "dimensions",
                        "metrics",
                        "rollup",
                        "queryGranularity",
                        "segmentGranularity",
                        "intervals",
                        "partitionsSpec",
                        "mode",
                        "maxParseExceptions");
        assertThat(generated.decisions()).allSatisfy(d -> assertThat(d.reason()).isNotBlank());
        assertThat(generated.explain()).contains("rollup: true");
    }
}
