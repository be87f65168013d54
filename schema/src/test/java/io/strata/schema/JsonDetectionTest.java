package io.strata.schema;

import static io.strata.schema.Detect.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonDetectionTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Detect.Normalized normalized(String name, String content) {
        return Detect.normalized(name, content.getBytes(StandardCharsets.UTF_8), DetectionOptions.defaults());
    }

    @Test
    void readsFlatJsonLinesWithTypesAndNeedsNoCopy() {
        Detect.Normalized n = normalized(
                "events.jsonl",
                """
                {"ts":"2024-01-01T10:00:00Z","city":"Paris","units":3,"price":9.5,"paid":true}
                {"ts":"2024-01-01T11:00:00Z","city":"Lyon","units":5,"price":12.25,"paid":false}
                """);
        DetectionResult r = n.result();

        assertThat(r.schema().format()).isEqualTo(FileFormat.JSONL);
        assertThat(r.schema().columns())
                .extracting(ColumnSchema::druidName, ColumnSchema::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ts", ColumnType.TIMESTAMP),
                        org.assertj.core.groups.Tuple.tuple("city", ColumnType.STRING),
                        org.assertj.core.groups.Tuple.tuple("units", ColumnType.LONG),
                        org.assertj.core.groups.Tuple.tuple("price", ColumnType.DOUBLE),
                        org.assertj.core.groups.Tuple.tuple("paid", ColumnType.BOOLEAN));
        assertThat(r.schema().timestamp().column()).isEqualTo("ts");
        assertThat(r.report().rows()).isEqualTo(2);
        assertThat(r.normalizedFormat()).isNull();
        assertThat(r.normalizedWritten()).isFalse();
        assertThat(n.jsonl()).isEmpty();
    }

    @Test
    void flattensNestedObjectsIntoDottedColumnsAndWritesAFlatCopy() {
        Detect.Normalized n = normalized(
                "users.jsonl",
                """
                {"id":1,"user":{"name":"ann","geo":{"country":"FR"}},"meta":{}}
                {"id":2,"user":{"name":"bob","geo":{"country":"DE"}}}
                """);
        DetectionResult r = n.result();

        ColumnSchema country = column(r, "user_geo_country");
        assertThat(country.name()).isEqualTo("user.geo.country");
        assertThat(column(r, "user_name").name()).isEqualTo("user.name");
        assertThat(r.schema().columns()).extracting(ColumnSchema::name).doesNotContain("meta");
        assertThat(r.normalizedFormat()).isEqualTo(FileFormat.JSONL);
        assertThat(r.normalizedWritten()).isTrue();
        assertThat(r.report().verdict()).contains("nested objects are flattened");
        List<JsonNode> lines = n.jsonl().lines().map(JSON::readTree).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).get("user_geo_country").asString()).isEqualTo("DE");
        assertThat(lines.get(1).get("id").asLong()).isEqualTo(2);
    }

    @Test
    void keepsArraysOfScalarsAsMultiValueAndArraysOfObjectsAsJsonText() {
        Detect.Normalized n = normalized(
                "tags.jsonl",
                """
                {"tags":["a","b"],"points":[{"x":1},{"x":2}],"nums":[1,2,3]}
                {"tags":[],"points":[],"nums":[4]}
                {"tags":["c"],"points":[[1,2]],"nums":null}
                """);
        DetectionResult r = n.result();

        assertThat(column(r, "tags").multiValue()).isTrue();
        assertThat(column(r, "nums").multiValue()).isTrue();
        assertThat(column(r, "points").multiValue()).isFalse();
        assertThat(column(r, "points").type()).isEqualTo(ColumnType.STRING);
        assertThat(r.sample().get(0))
                .containsEntry("tags", List.of("a", "b"))
                .containsEntry("nums", List.of("1", "2", "3"));
        assertThat(r.sample().get(0).get("points")).isEqualTo("[{\"x\":1},{\"x\":2}]");
        assertThat(r.normalizedFormat()).isEqualTo(FileFormat.JSONL);
        JsonNode first = JSON.readTree(n.jsonl().lines().findFirst().orElseThrow());
        assertThat(first.get("tags").isArray()).isTrue();
        assertThat(first.get("tags").get(1).asString()).isEqualTo("b");
    }

    @Test
    void mixedTypeValuesMakeATextColumnAndStrayTextInANumberColumnIsInvalid() {
        String lines = IntStream.rangeClosed(1, 20)
                        .mapToObj(i -> "{\"mixed\":" + (i % 3 == 0 ? "\"x" + i + "\"" : i % 3 == 1 ? i : "true")
                                + ",\"n\":" + i + "}")
                        .collect(Collectors.joining("\n"))
                + "\n{\"mixed\":1,\"n\":\"oops\"}\n";
        DetectionResult r = Detect.text(
                "mixed.jsonl",
                lines,
                DetectionOptions.builder().inferenceRows(20).build());

        assertThat(column(r, "mixed").type()).isEqualTo(ColumnType.STRING);
        assertThat(column(r, "n").type()).isEqualTo(ColumnType.LONG);
        assertThat(r.report().badRows()).isEqualTo(1);
        RowProblem p = r.report().problems().get(0);
        assertThat(p.row()).isEqualTo(21);
        assertThat(p.column()).isEqualTo("n");
        assertThat(p.reason()).contains("'oops'").contains("line 21");
    }

    @Test
    void readsAJsonArrayOfObjectsAndAlwaysNormalizesIt() {
        Detect.Normalized n = normalized(
                "rows.json",
                """
                [
                  {"day": "2024-03-01", "amount": 1.5},
                  {"day": "2024-03-02", "amount": 2}
                ]
                """);
        DetectionResult r = n.result();

        assertThat(r.schema().format()).isEqualTo(FileFormat.JSON);
        assertThat(column(r, "amount").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(column(r, "day").type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(r.normalizedFormat()).isEqualTo(FileFormat.JSONL);
        assertThat(n.jsonl().lines().toList())
                .containsExactly(
                        "{\"day\":\"2024-03-01T00:00:00Z\",\"amount\":1.5}",
                        "{\"day\":\"2024-03-02T00:00:00Z\",\"amount\":2.0}");
    }

    @Test
    void reportsALineThatIsNotJsonAndKeepsReading() {
        DetectionResult r = Detect.text("broken.jsonl", "{\"a\":1}\n{\"a\":2,,}\n{\"a\":3}\n");

        assertThat(r.report().rows()).isEqualTo(3);
        assertThat(r.report().badRows()).isEqualTo(1);
        assertThat(r.report().problems().get(0).reason())
                .contains("not valid JSON")
                .contains("line 2");
        assertThat(column(r, "a").profile().max()).isEqualTo("3");
    }

    @Test
    void readsPrettyPrintedObjectsThatSpanLinesAndAsksForACopy() {
        DetectionResult r = Detect.text("pretty.json", "{\n  \"a\": 1,\n  \"b\": \"x\"\n}\n{\n  \"a\": 2\n}\n");

        assertThat(r.schema().format()).isEqualTo(FileFormat.JSONL);
        assertThat(r.report().rows()).isEqualTo(2);
        assertThat(r.report().badRows()).isZero();
        assertThat(r.normalizedFormat()).isEqualTo(FileFormat.JSONL);
    }

    @Test
    void stopsAtASyntaxErrorInsideAJsonArrayAndSaysWhere() {
        DetectionResult r = Detect.text("cut.json", "[{\"a\":1},\n{\"a\":2},\n{\"a\" 3}]");

        assertThat(r.report().rows()).isEqualTo(3);
        assertThat(r.report().badRows()).isEqualTo(1);
        assertThat(r.report().problems().get(0).reason())
                .contains("cannot be parsed past here")
                .contains("line 3");
    }

    @Test
    void keepsAFieldFirstSeenAfterTheSampleAsText() {
        String content = "{\"a\":1}\n{\"a\":2}\n{\"a\":3,\"late\":{\"x\":5}}\n";
        DetectionResult r = Detect.text(
                "late.jsonl",
                content,
                DetectionOptions.builder().inferenceRows(2).build());

        ColumnSchema late = column(r, "late_x");
        assertThat(late.name()).isEqualTo("late.x");
        assertThat(late.type()).isEqualTo(ColumnType.STRING);
        assertThat(late.reason()).contains("first seen at row 3");
    }
}
