package io.strata.specs.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.specs.InvalidSpecException;
import io.strata.specs.SpecJson;
import io.strata.specs.model.AggregatorFactory;
import io.strata.specs.model.CountAggregatorFactory;
import io.strata.specs.model.CsvInputFormat;
import io.strata.specs.model.DataSchema;
import io.strata.specs.model.DimFilter;
import io.strata.specs.model.DimensionRangePartitionsSpec;
import io.strata.specs.model.DimensionsSpec;
import io.strata.specs.model.DoubleSumAggregatorFactory;
import io.strata.specs.model.DynamicPartitionsSpec;
import io.strata.specs.model.ExpressionTransform;
import io.strata.specs.model.Granularity;
import io.strata.specs.model.GranularitySpec;
import io.strata.specs.model.HllSketchBuildAggregatorFactory;
import io.strata.specs.model.IndexParallelIOConfig;
import io.strata.specs.model.IndexParallelIngestionSpec;
import io.strata.specs.model.IndexParallelTask;
import io.strata.specs.model.IndexParallelTuningConfig;
import io.strata.specs.model.InlineInputSource;
import io.strata.specs.model.LongDimensionSchema;
import io.strata.specs.model.PartitionsSpec;
import io.strata.specs.model.S3InputSource;
import io.strata.specs.model.StringDimensionSchema;
import io.strata.specs.model.TimestampSpec;
import io.strata.specs.model.TransformSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class MsqRendererTest {

    private static final CsvInputFormat CSV =
            new CsvInputFormat(List.of("ts", "city", "store", "amount"), null, null, 1);

    private static IndexParallelTask task(
            String dataSource,
            TimestampSpec ts,
            boolean rollup,
            Granularity query,
            List<AggregatorFactory> metrics,
            boolean append,
            PartitionsSpec partitions,
            TransformSpec transform) {
        DataSchema schema = new DataSchema(
                dataSource,
                ts,
                DimensionsSpec.of(List.of(StringDimensionSchema.of("city"), new LongDimensionSchema("store"))),
                metrics,
                GranularitySpec.uniform(
                        Granularity.DAY,
                        query,
                        rollup,
                        append ? null : List.of("2024-01-01T00:00:00Z/2024-01-03T00:00:00Z")),
                transform);
        boolean guaranteed = partitions.needsGuaranteedRollup();
        return IndexParallelTask.of(new IndexParallelIngestionSpec(
                schema,
                new IndexParallelIOConfig(null, S3InputSource.ofUris(List.of("s3://b/it's.csv")), CSV, append, null),
                new IndexParallelTuningConfig(
                        null,
                        partitions,
                        null,
                        null,
                        null,
                        null,
                        null,
                        guaranteed ? true : null,
                        null,
                        5,
                        null,
                        null)));
    }

    private static List<AggregatorFactory> sums() {
        return List.of(new CountAggregatorFactory("count"), DoubleSumAggregatorFactory.of("amount", "amount"));
    }

    @Test
    void rollupRendersAsReplaceWithGroupByTimeFloorAndClusteredBy() {
        SqlIngestion ingestion = MsqRenderer.render(task(
                "sales",
                TimestampSpec.of("ts", "iso"),
                true,
                Granularity.HOUR,
                sums(),
                false,
                new DimensionRangePartitionsSpec(List.of("city"), 1000, null, null),
                null));

        String externInput =
                SqlQuoting.literal(MsqRenderer.compactJson(S3InputSource.ofUris(List.of("s3://b/it's.csv"))));
        String externFormat = SqlQuoting.literal(MsqRenderer.compactJson(CSV));
        assertThat(ingestion.sql())
                .isEqualTo("REPLACE INTO \"sales\" OVERWRITE WHERE (\"__time\" >= TIMESTAMP '2024-01-01 00:00:00.000'"
                        + " AND \"__time\" < TIMESTAMP '2024-01-03 00:00:00.000')\n"
                        + "SELECT\n"
                        + "  TIME_FLOOR(TIME_PARSE(\"ts\"), 'PT1H') AS \"__time\",\n"
                        + "  \"city\",\n"
                        + "  \"store\",\n"
                        + "  COUNT(*) AS \"count\",\n"
                        + "  SUM(\"amount\") AS \"amount\"\n"
                        + "FROM TABLE(\n"
                        + "  EXTERN(\n"
                        + "    " + externInput + ",\n"
                        + "    " + externFormat + ",\n"
                        + "    '[{\"name\":\"ts\",\"type\":\"string\"},{\"name\":\"city\",\"type\":\"string\"},"
                        + "{\"name\":\"store\",\"type\":\"long\"},{\"name\":\"amount\",\"type\":\"double\"}]'\n"
                        + "  )\n"
                        + ")\n"
                        + "GROUP BY 1, 2, 3\n"
                        + "PARTITIONED BY DAY\n"
                        + "CLUSTERED BY \"city\"");
        assertThat(externInput).contains("it''s.csv");
        assertThat(ingestion.context())
                .containsEntry("finalizeAggregations", false)
                .containsEntry("maxParseExceptions", 5)
                .containsEntry("rowsPerSegment", 1000);
    }

    @Test
    void appendWithoutRollupRendersAsInsertWithPlainColumns() {
        SqlIngestion ingestion = MsqRenderer.render(task(
                "sales",
                TimestampSpec.of("ts", "millis"),
                false,
                Granularity.NONE,
                sums(),
                true,
                new DynamicPartitionsSpec(5_000_000, null),
                null));

        assertThat(ingestion.sql())
                .startsWith("INSERT INTO \"sales\"\nSELECT\n  MILLIS_TO_TIMESTAMP(\"ts\") AS \"__time\"")
                .contains("1 AS \"count\"", "\"amount\" AS \"amount\"", "{\"name\":\"ts\",\"type\":\"long\"}")
                .doesNotContain("GROUP BY", "CLUSTERED BY");
        assertThat(ingestion.context()).doesNotContainKey("finalizeAggregations");
    }

    @Test
    void identifiersAndLiteralsAreQuoted() {
        SqlIngestion ingestion = MsqRenderer.render(task(
                "we\"ird",
                TimestampSpec.of("ts", "dd/MM/yyyy 'h'"),
                false,
                Granularity.NONE,
                sums(),
                false,
                new DynamicPartitionsSpec(null, null),
                new TransformSpec(
                        null,
                        new DimFilter.Or(List.of(
                                new DimFilter.Selector("city", "O'Hare"),
                                new DimFilter.In("city", List.of("a", "b")))))));

        assertThat(ingestion.sql())
                .contains("REPLACE INTO \"we\"\"ird\"")
                .contains("TIME_PARSE(\"ts\", 'dd/MM/yyyy ''h''')")
                .contains("WHERE (\"city\" = 'O''Hare') OR (\"city\" IN ('a', 'b'))");
    }

    @Test
    void fileWithoutTimestampUsesTheConstantMissingValue() {
        IndexParallelTask base = task(
                "d",
                new TimestampSpec("timestamp", null, "2000-01-01T00:00:00Z"),
                false,
                Granularity.NONE,
                sums(),
                false,
                new DynamicPartitionsSpec(null, null),
                null);

        assertThat(MsqRenderer.render(base).sql())
                .contains("TIMESTAMP '2000-01-01 00:00:00.000' AS \"__time\"")
                .doesNotContain("\"name\":\"timestamp\"");
    }

    @Test
    void sketchesRenderAsDataSketchFunctions() {
        List<AggregatorFactory> metrics = List.of(
                new CountAggregatorFactory("count"),
                new HllSketchBuildAggregatorFactory("users", "amount", 14, null, null));
        String sql = MsqRenderer.render(task(
                        "d",
                        TimestampSpec.of("ts", "iso"),
                        true,
                        Granularity.DAY,
                        metrics,
                        false,
                        new DynamicPartitionsSpec(null, null),
                        null))
                .sql();

        assertThat(sql).contains("DS_HLL(\"amount\", 14, 'HLL_4') AS \"users\"");
    }

    @Test
    void nativeExpressionTransformsAreRejected() {
        IndexParallelTask withTransform = task(
                "d",
                TimestampSpec.of("ts", "iso"),
                false,
                Granularity.NONE,
                sums(),
                false,
                new DynamicPartitionsSpec(null, null),
                new TransformSpec(List.of(new ExpressionTransform("x", "upper(city)")), null));

        assertThatThrownBy(() -> MsqRenderer.render(withTransform))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("transforms are Druid native expressions");
    }

    @Test
    void inlineDataWithNewlinesStaysInsideOneLiteral() {
        IndexParallelTask base = task(
                "d",
                TimestampSpec.of("ts", "iso"),
                false,
                Granularity.NONE,
                sums(),
                false,
                new DynamicPartitionsSpec(null, null),
                null);
        IndexParallelTask inline = IndexParallelTask.of(new IndexParallelIngestionSpec(
                base.dataSchema(),
                new IndexParallelIOConfig(null, new InlineInputSource("ts,city\n2024-01-01,'x'"), CSV, false, null),
                base.spec().tuningConfig()));

        String sql = MsqRenderer.render(inline).sql();

        assertThat(sql)
                .contains(SqlQuoting.literal(SpecJson.mapper()
                        .writer()
                        .without(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(new InlineInputSource("ts,city\n2024-01-01,'x'"))));
        assertThat(sql).contains("\\n2024-01-01,''x''");
    }
}
