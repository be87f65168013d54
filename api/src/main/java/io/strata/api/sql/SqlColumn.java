package io.strata.api.sql;

import java.util.Objects;

/**
 * A column of a result.
 *
 * @param name its label
 * @param type its PostgreSQL type (the wire protocol's)
 * @param sqlType its Druid SQL type ({@code BIGINT}, {@code VARCHAR}, {@code TIMESTAMP}, ...), as Druid's APIs name it
 * @param druidType its Druid native type ({@code LONG}, {@code STRING}, ...), for Druid's {@code typesHeader}
 */
public record SqlColumn(String name, PgType type, String sqlType, String druidType) {

    public SqlColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        sqlType = sqlType != null ? sqlType : sqlTypeOf(type);
        druidType = druidType != null ? druidType : druidTypeOf(type);
    }

    /** A column of a locally computed result (the catalog), typed by its PostgreSQL type. */
    public static SqlColumn of(String name, PgType type) {
        return new SqlColumn(name, type, null, null);
    }

    /** A column of a Druid answer, from its header. */
    public static SqlColumn ofDruid(String name, String sqlType, String druidType) {
        return new SqlColumn(name, PgType.ofDruid(sqlType), sqlType, druidType);
    }

    private static String sqlTypeOf(PgType type) {
        return switch (type) {
            case INT8, OID, REGPROC, REGCLASS, REGTYPE, REGNAMESPACE, XID -> "BIGINT";
            case INT4 -> "INTEGER";
            case INT2 -> "SMALLINT";
            case FLOAT8, NUMERIC -> "DOUBLE";
            case FLOAT4 -> "FLOAT";
            case BOOL -> "BOOLEAN";
            case TIMESTAMPTZ, TIMESTAMP -> "TIMESTAMP";
            case DATE -> "DATE";
            default -> type.isArray() ? "ARRAY" : "VARCHAR";
        };
    }

    private static String druidTypeOf(PgType type) {
        return switch (sqlTypeOf(type)) {
            case "BIGINT", "INTEGER", "SMALLINT", "BOOLEAN", "TIMESTAMP", "DATE" -> "LONG";
            case "DOUBLE" -> "DOUBLE";
            case "FLOAT" -> "FLOAT";
            case "ARRAY" -> "ARRAY<STRING>";
            default -> "STRING";
        };
    }
}
