package io.strata.schema;

import static io.strata.schema.Detect.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class ArrowDetectionTest {
    private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");

    private static Schema schema() {
        return new Schema(List.of(
                Field.nullable("ts", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")),
                Field.nullable("city", ArrowType.Utf8.INSTANCE),
                Field.nullable("units", new ArrowType.Int(64, true)),
                Field.nullable(
                        "amount",
                        new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)),
                Field.nullable("paid", ArrowType.Bool.INSTANCE),
                new Field(
                        "tags",
                        FieldType.nullable(ArrowType.List.INSTANCE),
                        List.of(Field.nullable("item", ArrowType.Utf8.INSTANCE))),
                new Field(
                        "point",
                        FieldType.nullable(ArrowType.Struct.INSTANCE),
                        List.of(Field.nullable("x", new ArrowType.Int(64, true))))));
    }

    /** Two record batches of {@code perBatch} rows; row i has units i, and every third city is null. */
    static byte[] write(boolean fileFormat, int perBatch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(schema(), allocator);
                ArrowWriter writer = fileFormat
                        ? new ArrowFileWriter(root, null, Channels.newChannel(out))
                        : new ArrowStreamWriter(root, null, out)) {
            writer.start();
            int row = 0;
            for (int batch = 0; batch < 2; batch++) {
                root.allocateNew();
                UnionListWriter tags = ((ListVector) root.getVector("tags")).getWriter();
                StructVector point = (StructVector) root.getVector("point");
                BigIntVector x = point.getChild("x", BigIntVector.class);
                for (int i = 0; i < perBatch; i++, row++) {
                    ((TimeStampMilliTZVector) root.getVector("ts")).setSafe(i, T0.toEpochMilli() + row * 60_000L);
                    if (row % 3 != 0) {
                        ((VarCharVector) root.getVector("city"))
                                .setSafe(i, ("c" + row % 2).getBytes(StandardCharsets.UTF_8));
                    }
                    ((BigIntVector) root.getVector("units")).setSafe(i, row);
                    ((Float8Vector) root.getVector("amount")).setSafe(i, row + 0.5);
                    ((BitVector) root.getVector("paid")).setSafe(i, row % 2);
                    tags.setPosition(i);
                    tags.startList();
                    for (int t = 0; t <= row % 2; t++) {
                        byte[] tag = ("t" + t).getBytes(StandardCharsets.UTF_8);
                        try (var buf = allocator.buffer(tag.length)) {
                            buf.setBytes(0, tag);
                            tags.varChar().writeVarChar(0, tag.length, buf);
                        }
                    }
                    tags.endList();
                    point.setIndexDefined(i);
                    x.setSafe(i, row * 10L);
                }
                tags.setValueCount(perBatch);
                point.setValueCount(perBatch);
                root.setRowCount(perBatch);
                writer.writeBatch();
            }
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void assertReadsTheTypedBatches(DetectionResult r, int rows) {
        assertThat(r.schema().format()).isEqualTo(FileFormat.ARROW);
        assertThat(r.schema().columns())
                .extracting(ColumnSchema::druidName, ColumnSchema::type, ColumnSchema::multiValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ts", ColumnType.TIMESTAMP, false),
                        org.assertj.core.groups.Tuple.tuple("city", ColumnType.STRING, false),
                        org.assertj.core.groups.Tuple.tuple("units", ColumnType.LONG, false),
                        org.assertj.core.groups.Tuple.tuple("amount", ColumnType.DOUBLE, false),
                        org.assertj.core.groups.Tuple.tuple("paid", ColumnType.BOOLEAN, false),
                        org.assertj.core.groups.Tuple.tuple("tags", ColumnType.STRING, true),
                        org.assertj.core.groups.Tuple.tuple("point_x", ColumnType.LONG, false));
        assertThat(r.report().rows()).isEqualTo(rows);
        assertThat(r.report().badRows()).isZero();
        assertThat(column(r, "units").profile().max()).isEqualTo(Long.toString(rows - 1));
        assertThat(column(r, "city").profile().nulls()).isEqualTo((rows + 2) / 3);
        assertThat(column(r, "point_x").name()).isEqualTo("point.x");
        assertThat(r.sample().get(1))
                .containsEntry("ts", T0.plusSeconds(60))
                .containsEntry("city", "c1")
                .containsEntry("paid", true)
                .containsEntry("tags", List.of("t0", "t1"))
                .containsEntry("point_x", 10L);
        assertThat(r.normalizedFormat()).isEqualTo(FileFormat.JSONL);
    }

    @Test
    void readsTheIpcStreamFormatBatchByBatchWithTypesFromItsSchema() {
        Detect.Normalized n = Detect.normalized("events.arrows", write(false, 4), DetectionOptions.defaults());

        assertReadsTheTypedBatches(n.result(), 8);
        assertThat(n.jsonl().lines()).hasSize(8);
        assertThat(n.jsonl().lines().toList().get(7)).contains("\"ts\":\"2024-06-01T12:07:00Z\"");
    }

    @Test
    void readsTheIpcFileFormatFromASpooledCopyAndDeletesIt() throws IOException {
        var before = XlsxDetectionTest.spooled();

        DetectionResult r = Detect.bytes("events.arrow", write(true, 5), DetectionOptions.defaults());

        assertReadsTheTypedBatches(r, 10);
        assertThat(XlsxDetectionTest.spooled()).isSubsetOf(before);
    }

    @Test
    void sniffsTheFormatFromTheMagicBytesWhateverTheName() {
        DetectionResult r = Detect.bytes("upload.bin", write(true, 2), DetectionOptions.defaults());

        assertThat(r.schema().format()).isEqualTo(FileFormat.ARROW);
        assertThat(r.report().rows()).isEqualTo(4);
    }
}
