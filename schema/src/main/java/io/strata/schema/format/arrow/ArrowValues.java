package io.strata.schema.format.arrow;

import io.strata.schema.format.DeclaredType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;

/** Arrow types to {@link DeclaredType}s, and vector values to the values {@link io.strata.schema.format.RowSource} documents. */
final class ArrowValues {
    private ArrowValues() {}

    static DeclaredType declared(Field field, DictionaryProvider dictionaries) {
        DictionaryEncoding encoding = field.getDictionary();
        if (encoding != null) {
            Dictionary d = dictionaries.lookup(encoding.getId());
            return d == null ? DeclaredType.OTHER : declared(d.getVector().getField(), dictionaries);
        }
        ArrowType t = field.getType();
        return switch (t.getTypeID()) {
            case Int -> DeclaredType.LONG;
            case FloatingPoint, Decimal -> DeclaredType.DOUBLE;
            case Bool -> DeclaredType.BOOLEAN;
            case Utf8, LargeUtf8, Utf8View -> DeclaredType.STRING;
            case Timestamp, Date -> DeclaredType.TIMESTAMP;
            case List, LargeList, FixedSizeList, ListView, LargeListView -> DeclaredType.LIST;
            default -> DeclaredType.OTHER;
        };
    }

    /** The value at {@code row}, decoding dictionary indexes through {@code dictionaries}. */
    static Object value(FieldVector vector, int row, DictionaryProvider dictionaries) {
        if (vector.isNull(row)) {
            return null;
        }
        DictionaryEncoding encoding = vector.getField().getDictionary();
        if (encoding != null) {
            long index = ((BaseIntVector) vector).getValueAsLong(row);
            Dictionary d = dictionaries.lookup(encoding.getId());
            return d == null ? index : value(d.getVector(), (int) index, dictionaries);
        }
        return plain(vector, row);
    }

    private static Object plain(ValueVector v, int row) {
        if (v.isNull(row)) {
            return null;
        }
        if (v instanceof BaseIntVector i) {
            return i.getValueAsLong(row);
        }
        if (v instanceof Float8Vector f) {
            return f.get(row);
        }
        if (v instanceof Float4Vector f) {
            return Double.parseDouble(Float.toString(f.get(row)));
        }
        if (v instanceof BitVector b) {
            return b.get(row) == 1;
        }
        if (v instanceof TimeStampVector ts) {
            return instant(ts.get(row), ((ArrowType.Timestamp) ts.getField().getType()).getUnit());
        }
        if (v instanceof DateDayVector d) {
            return Instant.ofEpochSecond(d.get(row) * 86_400L);
        }
        if (v instanceof DateMilliVector d) {
            return Instant.ofEpochMilli(d.get(row));
        }
        Object o = v.getObject(row);
        if (o instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (o instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(e == null ? null : element(e));
            }
            return Collections.unmodifiableList(out);
        }
        if (o instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return o.toString(); // Text, and the string form of anything else
    }

    private static Object element(Object e) {
        if (e instanceof Long || e instanceof Double || e instanceof Boolean) {
            return e;
        }
        if (e instanceof Number n) {
            return n instanceof Float || n instanceof BigDecimal ? (Object) n.doubleValue() : (Object) n.longValue();
        }
        return e.toString();
    }

    static Instant instant(long raw, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> Instant.ofEpochSecond(raw);
            case MILLISECOND -> Instant.ofEpochMilli(raw);
            case MICROSECOND -> Instant.ofEpochSecond(
                    Math.floorDiv(raw, 1_000_000L), Math.floorMod(raw, 1_000_000L) * 1000);
            case NANOSECOND -> Instant.ofEpochSecond(
                    Math.floorDiv(raw, 1_000_000_000L), Math.floorMod(raw, 1_000_000_000L));
        };
    }
}
