package io.strata.specs.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.specs.SpecJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every model type written by Strata reads back into an equal object. */
class ModelRoundTripTest {

    static DataSchema dataSchema() {
        return new DataSchema(
                "sales",
                new TimestampSpec("ts", "yyyy-MM-dd HH:mm", "2000-01-01T00:00:00Z"),
                new DimensionsSpec(
                        List.of(
                                StringDimensionSchema.of("country"),
                                new StringDimensionSchema("tags", MultiValueHandling.SORTED_SET, false),
                                new LongDimensionSchema("store"),
                                new DoubleDimensionSchema("lat"),
                                new FloatDimensionSchema("score"),
                                new JsonDimensionSchema("payload"),
                                new AutoDimensionSchema("extra")),
                        List.of("secret"),
                        List.of(new SpatialDimensionSchema("coords", List.of("lat", "lon"))),
                        false,
                        false),
                List.of(
                        new CountAggregatorFactory("count"),
                        LongSumAggregatorFactory.of("units", "units"),
                        new DoubleSumAggregatorFactory("revenue", null, "price * units"),
                        LongMinAggregatorFactory.of("units_min", "units"),
                        LongMaxAggregatorFactory.of("units_max", "units"),
                        DoubleMinAggregatorFactory.of("price_min", "price"),
                        DoubleMaxAggregatorFactory.of("price_max", "price"),
                        new HllSketchBuildAggregatorFactory("users", "user_id", 14, "HLL_8", true),
                        new SketchMergeAggregatorFactory("sessions", "session_id", 32768, false)),
                GranularitySpec.uniform(Granularity.DAY, Granularity.HOUR, true, List.of("2024-01-01/2024-02-01")),
                new TransformSpec(
                        List.of(new ExpressionTransform("country", "upper(country)")),
                        new DimFilter.And(List.of(
                                new DimFilter.Selector("country", "FR"),
                                new DimFilter.Equality("store", "LONG", 7),
                                new DimFilter.In("channel", List.of("web", "app")),
                                new DimFilter.Not(new DimFilter.Null("country")),
                                new DimFilter.Or(List.of(new DimFilter.Expression("units > 0")))))));
    }

    static Stream<Arguments> values() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("accessKeyId", Map.of("type", "environment", "variable", "AWS_KEY"));
        properties.put("secretAccessKey", "secret");
        PartitionsSpec[] partitions = {
            new DynamicPartitionsSpec(1000, 20_000L),
            new HashedPartitionsSpec(4, null, List.of("country"), "murmur3_32_abs"),
            new SingleDimensionPartitionsSpec("country", 1000, null, true),
            new DimensionRangePartitionsSpec(List.of("country", "city"), null, 2000, false)
        };
        InputSource[] sources = {
            new S3InputSource(List.of("s3://b/k.csv"), null, null, "**.csv", properties),
            S3InputSource.ofPrefixes(List.of("s3://b/prefix/")),
            new S3InputSource(null, null, List.of(new S3InputSource.S3Object("b", "k.csv")), null, null),
            new LocalInputSource("/data", "*.csv", null),
            LocalInputSource.ofFile("/data/a.csv"),
            new HttpInputSource(List.of("https://example.com/a.csv"), "user", "pw"),
            new InlineInputSource("a,b\n1,2")
        };
        InputFormat[] formats = {
            new CsvInputFormat(List.of("a", "b"), "|", false, 1),
            CsvInputFormat.withHeader(),
            new DelimitedInputFormat(List.of("a", "b"), ";", "|", null, 0),
            new JsonInputFormat(
                    new FlattenSpec(
                            true,
                            List.of(
                                    FlattenSpec.Field.path("user_name", "$.user.name"),
                                    new FlattenSpec.Field(FlattenSpec.FieldType.JQ, "first", ".tags[0]", null),
                                    new FlattenSpec.Field(FlattenSpec.FieldType.TREE, "deep", null, List.of("a", "b")),
                                    new FlattenSpec.Field(FlattenSpec.FieldType.ROOT, "top", null, null))),
                    Map.of("ALLOW_SINGLE_QUOTES", true),
                    true,
                    true,
                    false)
        };
        Stream.Builder<Arguments> values = Stream.builder();
        for (PartitionsSpec p : partitions) {
            values.add(Arguments.of(p.typeName() + " partitionsSpec", p, PartitionsSpec.class));
        }
        for (InputSource s : sources) {
            values.add(Arguments.of(s.typeName() + " inputSource", s, InputSource.class));
        }
        for (InputFormat f : formats) {
            values.add(Arguments.of(f.typeName() + " inputFormat", f, InputFormat.class));
        }
        DataSchema dataSchema = dataSchema();
        values.add(Arguments.of("dataSchema", dataSchema, DataSchema.class));
        IndexParallelIngestionSpec spec = new IndexParallelIngestionSpec(
                dataSchema,
                new IndexParallelIOConfig(null, sources[0], formats[0], false, true),
                new IndexParallelTuningConfig(
                        null, partitions[1], 2, 100_000, 50_000_000L, 3, 5, true, true, 10, 5, 60_000L));
        values.add(Arguments.of(
                "index_parallel task",
                new IndexParallelTask(null, "task-1", spec, Map.of("priority", 50)),
                IndexParallelTask.class));
        values.add(Arguments.of(
                "kafka supervisor",
                new KafkaSupervisorSpec(
                        null,
                        new KafkaSupervisorIngestionSpec(
                                dataSchema,
                                new KafkaSupervisorIOConfig(
                                        "kafka",
                                        "sales",
                                        null,
                                        Map.of("bootstrap.servers", "localhost:9092"),
                                        JsonInputFormat.plain(),
                                        true,
                                        2,
                                        1,
                                        "PT1H",
                                        100L),
                                new KafkaSupervisorTuningConfig(
                                        null, 5_000_000, 100_000, 20_000_000L, "PT10M", true, 5, false)),
                        true),
                KafkaSupervisorSpec.class));
        return values.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void writtenJsonReadsBackIntoAnEqualObject(String name, Object value, Class<?> type) {
        String json = SpecJson.write(value);

        assertThat(SpecJson.read(json, type)).isEqualTo(value);
        assertThat(json).doesNotContainPattern(":\\s*null");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void writingIsStable(String name, Object value, Class<?> type) {
        String json = SpecJson.write(value);

        assertThat(SpecJson.write(SpecJson.read(json, type))).isEqualTo(json);
    }
}
