package io.strata.schema;

import static io.strata.schema.Detect.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

class ParquetDetectionTest {

    @Test
    void takesTypesFromTheFileSchemaAndWritesAJsonLinesCopy() {
        MessageType schema = MessageTypeParser.parseMessageType(
                """
                message sales {
                  required int64 ts (TIMESTAMP(MILLIS,true));
                  optional binary region (STRING);
                  optional int64 units;
                  optional double amount;
                  optional boolean promo;
                  optional binary store (STRING);
                  optional int32 day (DATE);
                }
                """);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("ts", Instant.parse("2024-05-01T00:00:00Z").toEpochMilli() + i * 3_600_000L);
            row.put("region", i == 2 ? null : "r" + (i % 2));
            row.put("units", (long) i);
            row.put("amount", i + 0.25);
            row.put("promo", i % 2 == 0);
            row.put("store", "000" + i);
            row.put("day", 19_844 + i);
            rows.add(row);
        }
        byte[] file = DataFiles.parquet(schema, rows);

        Detect.Normalized n = Detect.normalized("sales.parquet", file, DetectionOptions.defaults());
        DetectionResult r = n.result();

        assertThat(r.schema().format()).isEqualTo(FileFormat.PARQUET);
        assertThat(r.schema().columns())
                .extracting(ColumnSchema::druidName, ColumnSchema::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ts", ColumnType.TIMESTAMP),
                        org.assertj.core.groups.Tuple.tuple("region", ColumnType.STRING),
                        org.assertj.core.groups.Tuple.tuple("units", ColumnType.LONG),
                        org.assertj.core.groups.Tuple.tuple("amount", ColumnType.DOUBLE),
                        org.assertj.core.groups.Tuple.tuple("promo", ColumnType.BOOLEAN),
                        org.assertj.core.groups.Tuple.tuple("store", ColumnType.STRING),
                        org.assertj.core.groups.Tuple.tuple("day", ColumnType.TIMESTAMP));
        assertThat(column(r, "units").reason()).contains("declared LONG");
        assertThat(column(r, "region").profile().nulls()).isEqualTo(1);
        assertThat(r.report().rows()).isEqualTo(5);
        assertThat(r.report().badRows()).isZero();
        assertThat(r.sample().get(1))
                .containsEntry("ts", Instant.parse("2024-05-01T01:00:00Z"))
                .containsEntry("day", Instant.parse("2024-05-02T00:00:00Z"))
                .containsEntry("store", "0001");
        assertThat(r.normalizedFormat()).isEqualTo(FileFormat.JSONL);
        assertThat(n.jsonl().lines()).hasSize(5);
        assertThat(n.jsonl().lines().findFirst().orElseThrow())
                .startsWith("{\"ts\":\"2024-05-01T00:00:00Z\",\"region\":\"r0\",\"units\":0,\"amount\":0.25");
    }

    @Test
    void readsListsAsMultiValueAndNestedGroupsAsDottedColumns() {
        MessageType schema = MessageTypeParser.parseMessageType(
                """
                message m {
                  required int64 id;
                  optional group tags (LIST) {
                    repeated group list {
                      optional binary element (STRING);
                    }
                  }
                  optional group address {
                    optional binary city (STRING);
                  }
                }
                """);
        byte[] file = DataFiles.withTempFile(".parquet", path -> {
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(path))
                    .withType(schema)
                    .build()) {
                Group a = groups.newGroup().append("id", 1L);
                Group tags = a.addGroup("tags");
                tags.addGroup("list").append("element", "red");
                tags.addGroup("list").append("element", "blue");
                a.addGroup("address").append("city", "Paris");
                writer.write(a);
                Group b = groups.newGroup().append("id", 2L);
                b.addGroup("tags").addGroup("list").append("element", "green");
                writer.write(b);
                writer.write(groups.newGroup().append("id", 3L));
            }
        });

        DetectionResult r = Detect.bytes("nested.parquet", file, DetectionOptions.defaults());

        assertThat(r.schema().columns())
                .extracting(ColumnSchema::name, ColumnSchema::druidName, ColumnSchema::multiValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("id", "id", false),
                        org.assertj.core.groups.Tuple.tuple("tags", "tags", true),
                        org.assertj.core.groups.Tuple.tuple("address.city", "address_city", false));
        assertThat(r.sample())
                .extracting(row -> row.get("tags"))
                .containsExactly(List.of("red", "blue"), List.of("green"), null);
        assertThat(r.sample().get(0)).containsEntry("address_city", "Paris");
        assertThat(r.sample().get(1)).doesNotContainKey("address_city");
        assertThat(r.report().rows()).isEqualTo(3);
    }

    @Test
    void aTruncatedFileIsUndecodableAndSaysSo() {
        byte[] file = "PAR1 this is not really parquet".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> Detect.bytes("cut.parquet", file, DetectionOptions.defaults()))
                .isInstanceOf(UndecodableFileException.class)
                .hasMessageContaining("cut.parquet")
                .hasMessageContaining("not a readable Parquet file");
    }
}
