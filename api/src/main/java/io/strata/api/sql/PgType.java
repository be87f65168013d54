package io.strata.api.sql;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL types the SQL endpoint speaks: their oids, names and properties as PostgreSQL 15 defines them in
 * {@code pg_type}. Results from Druid use a handful (text, int8, int4, int2, float8, float4, bool, timestamptz, date);
 * the catalog relations drivers read use the rest.
 */
public enum PgType {
    BOOL(16, "bool", 1, 'B', 0, 1000, "bool", "boolean"),
    BYTEA(17, "bytea", -1, 'U', 0, 1001, "bytea", "bytea"),
    CHAR(18, "char", 1, 'Z', 0, 1002, "char", "\"char\""),
    NAME(19, "name", 64, 'S', 0, 1003, "name", "name"),
    INT8(20, "int8", 8, 'N', 0, 1016, "int8", "bigint"),
    INT2(21, "int2", 2, 'N', 0, 1005, "int2", "smallint"),
    INT2VECTOR(22, "int2vector", -1, 'A', 21, 1006, "int2vector", "int2vector"),
    INT4(23, "int4", 4, 'N', 0, 1007, "int4", "integer"),
    REGPROC(24, "regproc", 4, 'N', 0, 1008, "regproc", "regproc"),
    TEXT(25, "text", -1, 'S', 0, 1009, "text", "text"),
    OID(26, "oid", 4, 'N', 0, 1028, "oid", "oid"),
    XID(28, "xid", 4, 'U', 0, 1011, "xid", "xid"),
    OIDVECTOR(30, "oidvector", -1, 'A', 26, 1013, "oidvector", "oidvector"),
    JSON(114, "json", -1, 'U', 0, 199, "json_", "json"),
    PG_NODE_TREE(194, "pg_node_tree", -1, 'Z', 0, 0, "pg_node_tree_", "pg_node_tree"),
    FLOAT4(700, "float4", 4, 'N', 0, 1021, "float4", "real"),
    FLOAT8(701, "float8", 8, 'N', 0, 1022, "float8", "double precision"),
    UNKNOWN(705, "unknown", -2, 'X', 0, 0, "unknown", "unknown"),
    BOOL_ARRAY(1000, "_bool", -1, 'A', 16, 0, null, "boolean[]"),
    CHAR_ARRAY(1002, "_char", -1, 'A', 18, 0, null, "\"char\"[]"),
    NAME_ARRAY(1003, "_name", -1, 'A', 19, 0, null, "name[]"),
    INT2_ARRAY(1005, "_int2", -1, 'A', 21, 0, null, "smallint[]"),
    INT4_ARRAY(1007, "_int4", -1, 'A', 23, 0, null, "integer[]"),
    TEXT_ARRAY(1009, "_text", -1, 'A', 25, 0, null, "text[]"),
    VARCHAR_ARRAY(1015, "_varchar", -1, 'A', 1043, 0, null, "character varying[]"),
    INT8_ARRAY(1016, "_int8", -1, 'A', 20, 0, null, "bigint[]"),
    FLOAT4_ARRAY(1021, "_float4", -1, 'A', 700, 0, null, "real[]"),
    FLOAT8_ARRAY(1022, "_float8", -1, 'A', 701, 0, null, "double precision[]"),
    OID_ARRAY(1028, "_oid", -1, 'A', 26, 0, null, "oid[]"),
    ACLITEM(1033, "aclitem", 12, 'U', 0, 1034, "aclitem", "aclitem"),
    ACLITEM_ARRAY(1034, "_aclitem", -1, 'A', 1033, 0, null, "aclitem[]"),
    BPCHAR(1042, "bpchar", -1, 'S', 0, 1014, "bpchar", "character"),
    VARCHAR(1043, "varchar", -1, 'S', 0, 1015, "varchar", "character varying"),
    DATE(1082, "date", 4, 'D', 0, 1182, "date_", "date"),
    TIME(1083, "time", 8, 'D', 0, 1183, "time_", "time without time zone"),
    TIMESTAMP(1114, "timestamp", 8, 'D', 0, 1115, "timestamp_", "timestamp without time zone"),
    TIMESTAMP_ARRAY(1115, "_timestamp", -1, 'A', 1114, 0, null, "timestamp without time zone[]"),
    DATE_ARRAY(1182, "_date", -1, 'A', 1082, 0, null, "date[]"),
    TIMESTAMPTZ(1184, "timestamptz", 8, 'D', 0, 1185, "timestamptz_", "timestamp with time zone"),
    TIMESTAMPTZ_ARRAY(1185, "_timestamptz", -1, 'A', 1184, 0, null, "timestamp with time zone[]"),
    INTERVAL(1186, "interval", 16, 'T', 0, 1187, "interval_", "interval"),
    NUMERIC_ARRAY(1231, "_numeric", -1, 'A', 1700, 0, null, "numeric[]"),
    NUMERIC(1700, "numeric", -1, 'N', 0, 1231, "numeric_", "numeric"),
    REGCLASS(2205, "regclass", 4, 'N', 0, 2210, "regclass", "regclass"),
    REGTYPE(2206, "regtype", 4, 'N', 0, 2211, "regtype", "regtype"),
    RECORD(2249, "record", -1, 'P', 0, 2287, "record_", "record"),
    VOID(2278, "void", 4, 'P', 0, 0, "void_", "void"),
    UUID(2950, "uuid", 16, 'U', 0, 2951, "uuid_", "uuid"),
    JSONB(3802, "jsonb", -1, 'U', 0, 3807, "jsonb_", "jsonb"),
    REGNAMESPACE(4089, "regnamespace", 4, 'N', 0, 4090, "regnamespace", "regnamespace");

    private static final Map<Integer, PgType> BY_OID = new HashMap<>();
    private static final Map<String, PgType> BY_NAME = new HashMap<>();

    static {
        for (PgType type : values()) {
            BY_OID.put(type.oid, type);
            BY_NAME.put(type.typname, type);
        }
    }

    private final int oid;
    private final String typname;
    private final int length;
    private final char category;
    private final int elementOid;
    private final int arrayOid;
    private final String ioPrefix;
    private final String formatName;

    PgType(
            int oid,
            String typname,
            int length,
            char category,
            int elementOid,
            int arrayOid,
            String ioPrefix,
            String formatName) {
        this.oid = oid;
        this.typname = typname;
        this.length = length;
        this.category = category;
        this.elementOid = elementOid;
        this.arrayOid = arrayOid;
        this.ioPrefix = ioPrefix;
        this.formatName = formatName;
    }

    public int oid() {
        return oid;
    }

    /** The name in {@code pg_type.typname} ({@code int8}, {@code _text}). */
    public String typname() {
        return typname;
    }

    /** {@code typlen}: bytes of a fixed-size value, -1 for variable size. */
    public int length() {
        return length;
    }

    /** {@code typcategory} ('N' numeric, 'S' string, 'A' array, ...). */
    public char category() {
        return category;
    }

    /** The element type of an array type; null for other types. */
    public PgType element() {
        return elementOid == 0 ? null : BY_OID.get(elementOid);
    }

    /** The oid of the array type whose elements are of this type; 0 when there is none. */
    public int arrayOid() {
        return arrayOid;
    }

    public boolean isArray() {
        return category == 'A' && elementOid != 0 && ioPrefix == null;
    }

    /** {@code typinput}, e.g. {@code int8in}, {@code date_in}, {@code array_in}. */
    public String input() {
        return ioPrefix == null ? "array_in" : ioPrefix + "in";
    }

    /** {@code typoutput}. */
    public String output() {
        return ioPrefix == null ? "array_out" : ioPrefix + "out";
    }

    /** {@code typreceive}. */
    public String receive() {
        return ioPrefix == null ? "array_recv" : ioPrefix + "recv";
    }

    /** {@code typsend}. */
    public String send() {
        return ioPrefix == null ? "array_send" : ioPrefix + "send";
    }

    /** The name {@code format_type} gives ({@code bigint}, {@code timestamp with time zone}). */
    public String formatName() {
        return formatName;
    }

    public boolean isNumeric() {
        return category == 'N' && this != REGPROC && this != REGCLASS && this != REGTYPE && this != REGNAMESPACE;
    }

    public static Optional<PgType> ofOid(int oid) {
        return Optional.ofNullable(BY_OID.get(oid));
    }

    /** The type a PostgreSQL type name spells ({@code int8}, {@code bigint}, {@code timestamptz}, ...), if known. */
    public static Optional<PgType> named(String name) {
        String n = name.toLowerCase(Locale.ROOT).trim();
        PgType direct = BY_NAME.get(n);
        if (direct != null) {
            return Optional.of(direct);
        }
        return Optional.ofNullable(
                switch (n) {
                    case "boolean" -> BOOL;
                    case "bigint" -> INT8;
                    case "integer", "int", "serial" -> INT4;
                    case "smallint" -> INT2;
                    case "real" -> FLOAT4;
                    case "double", "double precision", "float" -> FLOAT8;
                    case "decimal" -> NUMERIC;
                    case "character varying", "string" -> VARCHAR;
                    case "character" -> BPCHAR;
                    case "timestamp with time zone" -> TIMESTAMPTZ;
                    case "timestamp without time zone" -> TIMESTAMP;
                    case "time without time zone" -> TIME;
                    default -> null;
                });
    }

    /** The type of Druid's SQL type name ({@code BIGINT}, {@code VARCHAR}, {@code TIMESTAMP}, ...). */
    public static PgType ofDruid(String sqlType) {
        return switch (sqlType) {
            case "BIGINT" -> INT8;
            case "INTEGER" -> INT4;
            case "SMALLINT", "TINYINT" -> INT2;
            case "DOUBLE", "DECIMAL" -> FLOAT8;
            case "FLOAT", "REAL" -> FLOAT4;
            case "BOOLEAN" -> BOOL;
            case "TIMESTAMP" -> TIMESTAMPTZ;
            case "DATE" -> DATE;
            default -> TEXT; // VARCHAR, CHAR, arrays and complex types, as their text
        };
    }
}
