package io.strata.api.sql.avatica;

import io.strata.api.sql.PgText;
import io.strata.api.sql.SqlColumn;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;

/**
 * Result columns and values as Avatica's JDBC driver reads them, as Druid's own Avatica server sends them:
 * timestamps as epoch milliseconds and dates as epoch days (the driver makes {@code java.sql} values of them),
 * numbers as Java numbers, everything else as text.
 */
final class AvaticaColumns {

    private AvaticaColumns() {}

    static List<ColumnMetaData> of(List<SqlColumn> columns) {
        List<ColumnMetaData> meta = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            SqlColumn column = columns.get(i);
            Jdbc jdbc = jdbc(column.sqlType());
            meta.add(new ColumnMetaData(
                    i,
                    false,
                    true,
                    false,
                    false,
                    DatabaseMetaData.columnNullable,
                    jdbc.signed(),
                    jdbc.displaySize(),
                    column.name(),
                    column.name(),
                    null,
                    0,
                    0,
                    null,
                    null,
                    ColumnMetaData.scalar(jdbc.type(), column.sqlType(), jdbc.rep()),
                    true,
                    false,
                    false,
                    jdbc.className()));
        }
        return meta;
    }

    /** A row's values as the columns' representations want them. */
    static List<Object> row(Object[] values, List<SqlColumn> columns) {
        Object[] out = Arrays.copyOf(values, values.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = value(out[i], jdbc(columns.get(i).sqlType()));
        }
        return Arrays.asList(out);
    }

    private static Object value(Object value, Jdbc jdbc) {
        if (value == null) {
            return null;
        }
        return switch (jdbc.type()) {
            case Types.TIMESTAMP -> value instanceof OffsetDateTime t
                    ? t.toInstant().toEpochMilli()
                    : OffsetDateTime.parse(value.toString()).toInstant().toEpochMilli();
            case Types.DATE -> value instanceof LocalDate d
                    ? (int) d.toEpochDay()
                    : (int) LocalDate.parse(PgText.druidDate(value.toString())).toEpochDay();
            case Types.BIGINT -> ((Number) value).longValue();
            case Types.INTEGER -> ((Number) value).intValue();
            case Types.SMALLINT -> ((Number) value).shortValue();
            case Types.TINYINT -> ((Number) value).byteValue();
            case Types.DOUBLE -> ((Number) value).doubleValue();
            case Types.FLOAT, Types.REAL -> ((Number) value).floatValue();
            case Types.BOOLEAN -> value instanceof Boolean ? value : Boolean.parseBoolean(value.toString());
            default -> value instanceof String ? value : value.toString();
        };
    }

    record Jdbc(int type, ColumnMetaData.Rep rep, String className, boolean signed, int displaySize) {}

    static Jdbc jdbc(String sqlType) {
        return switch (sqlType) {
            case "BIGINT" -> new Jdbc(Types.BIGINT, ColumnMetaData.Rep.PRIMITIVE_LONG, "java.lang.Long", true, 20);
            case "INTEGER" -> new Jdbc(Types.INTEGER, ColumnMetaData.Rep.PRIMITIVE_INT, "java.lang.Integer", true, 11);
            case "SMALLINT" -> new Jdbc(Types.SMALLINT, ColumnMetaData.Rep.PRIMITIVE_SHORT, "java.lang.Short", true, 6);
            case "TINYINT" -> new Jdbc(Types.TINYINT, ColumnMetaData.Rep.PRIMITIVE_BYTE, "java.lang.Byte", true, 4);
            case "DOUBLE", "DECIMAL" -> new Jdbc(
                    Types.DOUBLE, ColumnMetaData.Rep.PRIMITIVE_DOUBLE, "java.lang.Double", true, 24);
            case "FLOAT", "REAL" -> new Jdbc(
                    Types.FLOAT, ColumnMetaData.Rep.PRIMITIVE_FLOAT, "java.lang.Float", true, 16);
            case "BOOLEAN" -> new Jdbc(
                    Types.BOOLEAN, ColumnMetaData.Rep.PRIMITIVE_BOOLEAN, "java.lang.Boolean", false, 5);
            case "TIMESTAMP" -> new Jdbc(Types.TIMESTAMP, ColumnMetaData.Rep.LONG, "java.sql.Timestamp", false, 24);
            case "DATE" -> new Jdbc(Types.DATE, ColumnMetaData.Rep.INTEGER, "java.sql.Date", false, 10);
            default -> new Jdbc(Types.VARCHAR, ColumnMetaData.Rep.STRING, "java.lang.String", false, 64);
        };
    }
}
