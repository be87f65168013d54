package io.strata.schema.format.parquet;

import io.strata.schema.format.DeclaredType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * How one Parquet leaf column is named, typed and converted to the values {@link
 * io.strata.schema.format.RowSource} documents.
 *
 * <p>Naming: a leaf in nested groups is named by its dotted path ({@code address.city}); a repeated leaf (a list)
 * is named by the list field ({@code tags}, not {@code tags.list.element}), and a list of groups by the list field
 * plus the leaf's path inside the element ({@code items.price}); both are multi-value.
 */
record ParquetColumns(String name, boolean nested, DeclaredType declared, ColumnDescriptor descriptor) {
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    static List<ParquetColumns> of(MessageType schema) {
        List<ParquetColumns> out = new ArrayList<>();
        for (ColumnDescriptor d : schema.getColumns()) {
            String[] path = d.getPath();
            boolean repeated = d.getMaxRepetitionLevel() > 0;
            String name = repeated ? listName(schema, path) : String.join(".", path);
            DeclaredType declared = repeated ? DeclaredType.LIST : declared(d.getPrimitiveType());
            out.add(new ParquetColumns(name, path.length > 1, declared, d));
        }
        return out;
    }

    private static String listName(MessageType schema, String[] path) {
        Type type = schema;
        int repeatedAt = -1;
        for (int i = 0; i < path.length; i++) {
            type = ((GroupType) type).getType(path[i]);
            if (type.isRepetition(Type.Repetition.REPEATED)) {
                repeatedAt = i;
                break;
            }
        }
        List<String> parts = new ArrayList<>(List.of(path).subList(0, Math.max(repeatedAt, 0)));
        if (parts.isEmpty()) {
            parts.add(path[repeatedAt]); // legacy: a repeated field right under the root
        }
        List<String> inside = List.of(path).subList(repeatedAt + 1, path.length);
        boolean plainElement = inside.size() <= 1; // tags.list.element, tags.array, or the repeated leaf itself
        if (!plainElement) {
            parts.addAll(inside.subList(1, inside.size()));
        }
        return String.join(".", parts);
    }

    private static DeclaredType declared(PrimitiveType p) {
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
            return DeclaredType.DOUBLE;
        }
        if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return DeclaredType.TIMESTAMP;
        }
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> DeclaredType.BOOLEAN;
            case INT32, INT64 -> DeclaredType.LONG;
            case FLOAT, DOUBLE -> DeclaredType.DOUBLE;
            case INT96 -> DeclaredType.TIMESTAMP;
            case BINARY, FIXED_LEN_BYTE_ARRAY -> isText(a) ? DeclaredType.STRING : DeclaredType.OTHER;
        };
    }

    private static boolean isText(LogicalTypeAnnotation a) {
        return a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
    }

    /** The reader's current value, converted; the caller checks the definition level first. */
    Object read(ColumnReader r) {
        PrimitiveType p = descriptor.getPrimitiveType();
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> r.getBoolean();
            case INT32 -> {
                int v = r.getInteger();
                if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    yield Instant.ofEpochSecond(v * 86_400L);
                }
                if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec) {
                    yield BigDecimal.valueOf(v, dec.getScale()).doubleValue();
                }
                if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
                    yield Integer.toUnsignedLong(v);
                }
                yield (long) v;
            }
            case INT64 -> {
                long v = r.getLong();
                if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                    yield switch (ts.getUnit()) {
                        case MILLIS -> Instant.ofEpochMilli(v);
                        case MICROS -> Instant.ofEpochSecond(
                                Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
                        case NANOS -> Instant.ofEpochSecond(
                                Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
                    };
                }
                if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec) {
                    yield BigDecimal.valueOf(v, dec.getScale()).doubleValue();
                }
                if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned() && v < 0) {
                    yield Long.toUnsignedString(v);
                }
                yield v;
            }
            case INT96 -> int96(r.getBinary());
            case FLOAT -> Double.parseDouble(Float.toString(r.getFloat()));
            case DOUBLE -> r.getDouble();
            case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                Binary b = r.getBinary();
                if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec) {
                    yield new BigDecimal(new BigInteger(b.getBytes()), dec.getScale()).doubleValue();
                }
                yield isText(a) ? b.toStringUsingUTF8() : p.stringifier().stringify(b);
            }
        };
    }

    /** Legacy Impala/Spark timestamps: nanoseconds of the day, then the Julian day, little-endian. */
    private static Instant int96(Binary b) {
        ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanos = buf.getLong();
        long julianDay = buf.getInt();
        return Instant.ofEpochSecond((julianDay - JULIAN_EPOCH_DAY) * 86_400L).plusNanos(nanos);
    }
}
