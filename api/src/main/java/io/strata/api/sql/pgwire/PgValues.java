package io.strata.api.sql.pgwire;

import io.netty.buffer.ByteBuf;
import io.strata.api.sql.PgText;
import io.strata.api.sql.PgType;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Values on the wire: result values written in text format (every type) or binary format (bool, int2, int4, int8,
 * oid, float4, float8, numeric, text types, date, timestamp, timestamptz), and parameter values read in either.
 */
final class PgValues {

    /** PostgreSQL's epoch for dates and timestamps. */
    static final OffsetDateTime EPOCH = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final LocalDate EPOCH_DATE = LocalDate.of(2000, 1, 1);
    private static final DateTimeFormatter TIMESTAMP_INPUT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("yyyy-MM-dd")
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendPattern("HH:mm")
            .optionalStart()
            .appendPattern(":ss")
            .optionalEnd()
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:mm", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH", "Z")
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private PgValues() {}

    /** Whether a column of {@code type} can be sent in binary format. */
    static boolean hasBinary(PgType type) {
        return switch (type) {
            case BOOL,
                    INT2,
                    INT4,
                    INT8,
                    OID,
                    FLOAT4,
                    FLOAT8,
                    NUMERIC,
                    TEXT,
                    VARCHAR,
                    NAME,
                    BPCHAR,
                    CHAR,
                    JSON,
                    UNKNOWN,
                    DATE,
                    TIMESTAMP,
                    TIMESTAMPTZ,
                    BYTEA -> true;
            default -> false;
        };
    }

    /** Writes a non-null value's length and bytes, in text (format 0) or binary (1) format. */
    static void write(ByteBuf out, Object value, PgType type, int format) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        if (format == 0) {
            String text = PgText.of(value, type);
            int at = out.writerIndex();
            out.writeInt(0);
            int written = out.writeCharSequence(text, StandardCharsets.UTF_8);
            out.setInt(at, written);
            return;
        }
        switch (type) {
            case BOOL -> {
                out.writeInt(1);
                out.writeByte(bool(value) ? 1 : 0);
            }
            case INT2 -> {
                out.writeInt(2);
                out.writeShort((int) longOf(value));
            }
            case INT4, OID -> {
                out.writeInt(4);
                out.writeInt((int) longOf(value));
            }
            case INT8 -> {
                out.writeInt(8);
                out.writeLong(longOf(value));
            }
            case FLOAT4 -> {
                out.writeInt(4);
                out.writeFloat(((Number) value).floatValue());
            }
            case FLOAT8 -> {
                out.writeInt(8);
                out.writeDouble(((Number) value).doubleValue());
            }
            case NUMERIC -> writeNumeric(out, value instanceof BigDecimal d ? d : new BigDecimal(value.toString()));
            case DATE -> {
                out.writeInt(4);
                out.writeInt((int) ChronoUnit.DAYS.between(EPOCH_DATE, date(value)));
            }
            case TIMESTAMP, TIMESTAMPTZ -> {
                out.writeInt(8);
                out.writeLong(ChronoUnit.MICROS.between(EPOCH, timestamp(value)));
            }
            case BYTEA -> {
                byte[] bytes = (byte[]) value;
                out.writeInt(bytes.length);
                out.writeBytes(bytes);
            }
            default -> {
                if (!hasBinary(type)) {
                    throw new SqlException(
                            SqlState.FEATURE_NOT_SUPPORTED,
                            "binary format is not supported for type " + type.typname(),
                            "ask for this column in text format");
                }
                write(out, value, type, 0); // text types: binary is the text
            }
        }
    }

    private static boolean bool(Object value) {
        return value instanceof Boolean b ? b : PgText.of(value, PgType.BOOL).equals("t");
    }

    private static long longOf(Object value) {
        return value instanceof Double d ? Math.round(d) : ((Number) value).longValue();
    }

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        return LocalDate.parse(PgText.druidDate(value.toString()));
    }

    private static OffsetDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        return OffsetDateTime.parse(value.toString());
    }

    /** numeric's binary form: digit count, weight, sign and display scale, then base-10000 digits. */
    static void writeNumeric(ByteBuf out, BigDecimal value) {
        BigDecimal abs = value.abs();
        int scale = Math.max(abs.scale(), 0);
        String digits = abs.setScale(scale).unscaledValue().toString();
        int integerDigits = digits.length() - scale;
        // pad to whole base-10000 groups on both sides of the point
        int leftPad = (4 - Math.floorMod(integerDigits, 4)) % 4;
        int rightPad = (4 - scale % 4) % 4;
        String padded = "0".repeat(leftPad) + digits + "0".repeat(rightPad);
        List<Integer> groups = new ArrayList<>();
        for (int i = 0; i < padded.length(); i += 4) {
            groups.add(Integer.parseInt(padded.substring(i, i + 4)));
        }
        int weight = (integerDigits + leftPad) / 4 - 1;
        while (!groups.isEmpty() && groups.get(0) == 0) {
            groups.remove(0);
            weight--;
        }
        while (!groups.isEmpty() && groups.get(groups.size() - 1) == 0) {
            groups.remove(groups.size() - 1);
        }
        if (groups.isEmpty()) {
            weight = 0;
        }
        out.writeInt(8 + 2 * groups.size());
        out.writeShort(groups.size());
        out.writeShort(weight);
        out.writeShort(value.signum() < 0 ? 0x4000 : 0);
        out.writeShort(scale);
        for (int group : groups) {
            out.writeShort(group);
        }
    }

    static BigDecimal readNumeric(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int count = in.getShort();
        int weight = in.getShort();
        int sign = in.getShort() & 0xFFFF;
        int scale = in.getShort();
        if (sign == 0xC000) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "numeric NaN is not supported as a parameter");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < count; i++) {
            unscaled = unscaled.multiply(BigInteger.valueOf(10_000)).add(BigInteger.valueOf(in.getShort()));
        }
        BigDecimal value = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - count + 1));
        value = value.setScale(scale, java.math.RoundingMode.UNNECESSARY);
        return sign == 0x4000 ? value.negate() : value;
    }

    /**
     * A parameter value as the engine takes it: Long, Double, BigDecimal, Boolean, String, LocalDate or
     * OffsetDateTime; null for SQL NULL.
     *
     * @param oid the parameter's type (0: unspecified, read as text)
     */
    static Object read(byte[] bytes, int oid, int format, int number) {
        if (bytes == null) {
            return null;
        }
        PgType type = oid == 0 ? PgType.UNKNOWN : PgType.ofOid(oid).orElse(PgType.TEXT);
        try {
            return format == 0 ? readText(new String(bytes, StandardCharsets.UTF_8), type) : readBinary(bytes, type);
        } catch (SqlException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SqlException(
                    SqlState.INVALID_TEXT_REPRESENTATION,
                    "parameter $" + number + " is not a valid " + type.typname()
                            + (format == 0
                                    ? ": \"" + new String(bytes, StandardCharsets.UTF_8) + "\""
                                    : " in binary format"),
                    null,
                    0,
                    e);
        }
    }

    private static Object readText(String text, PgType type) {
        return switch (type) {
            case BOOL -> switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "t", "true", "yes", "on", "1", "y" -> true;
                case "f", "false", "no", "off", "0", "n" -> false;
                default -> throw new IllegalArgumentException(text);
            };
            case INT2, INT4, INT8, OID -> Long.parseLong(text.trim());
            case FLOAT4, FLOAT8 -> Double.parseDouble(text.trim());
            case NUMERIC -> new BigDecimal(text.trim());
            case DATE -> LocalDate.parse(text.trim());
            case TIMESTAMP, TIMESTAMPTZ -> timestampText(text.trim());
            default -> text;
        };
    }

    static OffsetDateTime timestampText(String text) {
        var parsed = TIMESTAMP_INPUT.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        if (parsed instanceof OffsetDateTime t) {
            return t;
        }
        if (parsed instanceof LocalDateTime t) {
            return t.atOffset(ZoneOffset.UTC);
        }
        return ((LocalDate) parsed).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static Object readBinary(byte[] bytes, PgType type) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        return switch (type) {
            case BOOL -> exactly(bytes, 1) && bytes[0] != 0;
            case INT2 -> exactly(bytes, 2) ? (long) in.getShort() : null;
            case INT4 -> exactly(bytes, 4) ? (long) in.getInt() : null;
            case OID -> exactly(bytes, 4) ? in.getInt() & 0xFFFFFFFFL : null;
            case INT8 -> exactly(bytes, 8) ? in.getLong() : null;
            case FLOAT4 -> exactly(bytes, 4) ? (double) in.getFloat() : null;
            case FLOAT8 -> exactly(bytes, 8) ? in.getDouble() : null;
            case NUMERIC -> readNumeric(bytes);
            case DATE -> exactly(bytes, 4) ? EPOCH_DATE.plusDays(in.getInt()) : null;
            case TIMESTAMP, TIMESTAMPTZ -> exactly(bytes, 8) ? EPOCH.plus(in.getLong(), ChronoUnit.MICROS) : null;
            case TEXT, VARCHAR, NAME, BPCHAR, CHAR, JSON, UNKNOWN -> new String(bytes, StandardCharsets.UTF_8);
            default -> throw new SqlException(
                    SqlState.FEATURE_NOT_SUPPORTED,
                    "binary parameters of type " + type.typname() + " are not supported",
                    "send this parameter in text format");
        };
    }

    private static boolean exactly(byte[] bytes, int length) {
        if (bytes.length != length) {
            throw new SqlException(
                    SqlState.PROTOCOL_VIOLATION,
                    "incorrect binary data format: " + bytes.length + " bytes, not " + length);
        }
        return true;
    }
}
