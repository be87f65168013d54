package io.strata.specs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.specs.InvalidSpecException;
import io.strata.specs.SpecJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelValidationTest {

    @Test
    void duplicateAggregatorNamesAreNamed() {
        assertThatThrownBy(() -> new DataSchema(
                        "ds",
                        null,
                        null,
                        List.of(new CountAggregatorFactory("n"), LongSumAggregatorFactory.of("n", "x")),
                        null,
                        null))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("duplicate aggregators found with name [n]");
    }

    @Test
    void aMetricNamedLikeADimensionIsRejected() {
        assertThatThrownBy(() -> new DataSchema(
                        "ds",
                        null,
                        DimensionsSpec.of(List.of(StringDimensionSchema.of("city"))),
                        List.of(new CountAggregatorFactory("city")),
                        null,
                        null))
                .hasMessageContaining("[city] is both a dimension and a metric");
    }

    @Test
    void duplicateDimensionsAndExcludedDimensionsAreNamed() {
        assertThatThrownBy(
                        () -> DimensionsSpec.of(List.of(StringDimensionSchema.of("a"), new LongDimensionSchema("a"))))
                .hasMessage("duplicate dimensions found with name [a]");
        assertThatThrownBy(() ->
                        new DimensionsSpec(List.of(StringDimensionSchema.of("a")), List.of("a"), null, null, null))
                .hasMessageContaining("dimension [a] is both included");
    }

    @Test
    void s3NeedsExactlyOneWayToNameObjects() {
        assertThatThrownBy(() -> new S3InputSource(List.of("s3://b/k"), List.of("s3://b/"), null, null, null))
                .hasMessage("s3 inputSource needs exactly one of uris, prefixes or objects");
        assertThatThrownBy(() -> S3InputSource.ofUris(List.of("http://b/k")))
                .hasMessageContaining("[http://b/k] must be an s3://bucket/key URI");
    }

    @Test
    void csvWithoutColumnsNeedsTheHeader() {
        assertThatThrownBy(() -> new CsvInputFormat(null, null, false, null))
                .hasMessage("csv inputFormat needs columns unless findColumnsFromHeader is true");
    }

    @Test
    void guaranteedRollupNeedsValuePartitioningAndNoAppend() {
        assertThatThrownBy(() -> new IndexParallelTuningConfig(
                        null,
                        new DynamicPartitionsSpec(null, null),
                        null,
                        null,
                        null,
                        null,
                        null,
                        true,
                        null,
                        null,
                        null,
                        null))
                .hasMessageContaining("forceGuaranteedRollup needs a hashed, single_dim or range partitionsSpec");
    }

    @Test
    void dropExistingNeedsIntervals() {
        DataSchema noIntervals = new DataSchema("ds", null, null, null, null, null);
        IndexParallelIOConfig io =
                new IndexParallelIOConfig(null, new InlineInputSource("x"), JsonInputFormat.plain(), false, true);
        assertThatThrownBy(() -> new IndexParallelIngestionSpec(noIntervals, io, null))
                .hasMessage("ioConfig.dropExisting needs granularitySpec.intervals");
    }

    @Test
    void unknownGranularityAndBadMissingValueAreNamed() {
        assertThatThrownBy(() -> Granularity.of("fortnight")).hasMessageContaining("unknown granularity [fortnight]");
        assertThatThrownBy(() -> new TimestampSpec("t", null, "yesterday"))
                .hasMessageContaining("missingValue must be an ISO-8601 time")
                .hasMessageContaining("[yesterday]");
    }

    @Test
    void readingReportsTheRuleAndWhereItBroke() {
        String json =
                """
                {"type":"index_parallel","spec":{"dataSchema":{"dataSource":"ds",
                 "metricsSpec":[{"type":"count","name":"n"},{"type":"count","name":"n"}]},
                 "ioConfig":{"type":"index_parallel","inputSource":{"type":"inline","data":"x"},
                 "inputFormat":{"type":"json"}}}}""";
        assertThatThrownBy(() -> SpecJson.read(json, IndexParallelTask.class))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("duplicate aggregators found with name [n]")
                .hasMessageContaining("dataSchema");
    }

    @Test
    void unknownFieldsAreRejectedRatherThanDropped() {
        String json = """
                {"type":"inline","data":"x","surprise":1}""";
        assertThatThrownBy(() -> SpecJson.read(json, InputSource.class))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("surprise");
    }

    @Test
    void aPlainStringDimensionIsWrittenAsDruidsShorthand() {
        String json = SpecJson.write(
                DimensionsSpec.of(List.of(StringDimensionSchema.of("page"), new LongDimensionSchema("userId"))));

        assertThat(SpecJson.tree(json))
                .isEqualTo(SpecJson.tree("{\"dimensions\":[\"page\",{\"type\":\"long\",\"name\":\"userId\"}]}"));
    }
}
