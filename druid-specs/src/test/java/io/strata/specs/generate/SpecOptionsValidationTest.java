package io.strata.specs.generate;

import static io.strata.schema.ColumnRole.DIMENSION;
import static io.strata.schema.ColumnRole.METRIC;
import static io.strata.schema.ColumnType.LONG;
import static io.strata.schema.ColumnType.STRING;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.schema.DetectionResult;
import io.strata.schema.FileFormat;
import io.strata.specs.InvalidSpecException;
import io.strata.specs.model.HashedPartitionsSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecOptionsValidationTest {

    private static DetectionResult detection() {
        return Detections.of("f.csv", FileFormat.CSV)
                .timestampColumn("ts", "iso")
                .column("city", STRING, DIMENSION)
                .column("units", LONG, METRIC)
                .column("code", STRING, DIMENSION)
                .row(Instant.parse("2024-01-01T00:00:00Z"), "Paris", 1L, "x")
                .build();
    }

    private static void rejects(SpecOptions.Builder options, String message) {
        assertThatThrownBy(() -> SpecGenerator.generate(detection(), options.build()))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(message);
    }

    @Test
    void duplicateDimensionNamesAreRejected() {
        rejects(SpecOptions.builder("d").dimensions(List.of("city", "city")), "duplicate dimension [city]");
    }

    @Test
    void aMetricThatIsAlsoADimensionIsRejected() {
        rejects(
                SpecOptions.builder("d").dimensions(List.of("units")).metrics(List.of("units")),
                "column [units] cannot be both a dimension and a metric");
    }

    @Test
    void aTimestampColumnThatIsNotATimestampIsRejected() {
        rejects(SpecOptions.builder("d").timestamp("city", null), "timestamp column [city] is not a timestamp");
    }

    @Test
    void theTimestampColumnCannotAlsoBeADimension() {
        rejects(
                SpecOptions.builder("d").timestamp("ts", null).dimensions(List.of("ts")),
                "column [ts] cannot be both a timestamp column and a dimension");
    }

    @Test
    void anUnknownColumnIsRejectedWithTheKnownOnes() {
        rejects(
                SpecOptions.builder("d").metrics(List.of("price")),
                "unknown metric [price]; the file's columns are [ts, city, units, code]");
    }

    @Test
    void summingAStringColumnIsRejected() {
        rejects(SpecOptions.builder("d").metrics(List.of("code")), "metric [code] is a STRING column");
    }

    @Test
    void distinctCountsNeedTheDatasketchesExtension() {
        rejects(SpecOptions.builder("d").distinctCounts(List.of("code")), "need Druid's datasketches extension");
    }

    @Test
    void appendingWithPerfectRollupPartitioningIsRejected() {
        rejects(
                SpecOptions.builder("d")
                        .mode(IngestMode.APPEND)
                        .partitionsSpec(new HashedPartitionsSpec(null, null, null, null)),
                "appending needs dynamic partitioning, but partitionsSpec [hashed] was given");
    }

    @Test
    void readingANormalizedCopyThatDoesNotExistIsRejected() {
        rejects(SpecOptions.builder("d").readNormalized(true), "there is no normalized copy of [f.csv]");
    }

    @Test
    void readingAnOriginalDruidCannotParseIsRejected() {
        DetectionResult xlsx = Detections.of("b.xlsx", FileFormat.XLSX)
                .column("a", STRING, DIMENSION)
                .normalizedTo(FileFormat.JSONL)
                .build();
        assertThatThrownBy(() -> SpecGenerator.generate(
                        xlsx, SpecOptions.builder("b").readNormalized(false).build()))
                .hasMessageContaining("Druid cannot read the original xlsx file [b.xlsx]");
        assertThatThrownBy(() ->
                        SpecGenerator.generate(xlsx, SpecOptions.builder("b").build()))
                .hasMessageContaining("give its location");
    }

    @Test
    void queryGranularityCoarserThanSegmentGranularityIsRejectedNamingBoth() {
        rejects(
                SpecOptions.builder("d").queryGranularity(Granularity("DAY")).segmentGranularity(Granularity("HOUR")),
                "queryGranularity [DAY] must not be coarser than segmentGranularity [HOUR]");
    }

    private static io.strata.specs.model.Granularity Granularity(String name) {
        return io.strata.specs.model.Granularity.of(name);
    }
}
