package io.strata.api.sql.catalog;

import io.strata.api.analytics.DatasetColumn;
import io.strata.api.analytics.DatasetView;
import io.strata.api.sql.PgType;
import io.strata.api.sql.SessionView;
import io.strata.api.sql.SqlColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The catalog relations as one caller sees them: each dataset they may read is a table of schema {@code public}
 * (PostgreSQL) or {@code druid} (Druid's INFORMATION_SCHEMA), with its columns and their types; nothing else exists
 * (no indexes, constraints, views, functions). Relations are built when first read, once per query.
 */
final class CatalogData {

    static final String DATABASE = "strata";
    static final String OWNER = "strata";
    static final long PG_CATALOG = 11;
    static final long PUBLIC = 2200;
    static final long INFORMATION_SCHEMA = 13_000;
    static final long DATABASE_OID = 16_384;
    static final long OWNER_OID = 10;
    static final long CALLER_OID = 16_383;

    /** Catalog relations' own oids, for {@code 'pg_class'::regclass}, as PostgreSQL numbers them. */
    private static final Map<String, Long> SYSTEM_OIDS = Map.ofEntries(
            Map.entry("pg_type", 1247L),
            Map.entry("pg_attribute", 1249L),
            Map.entry("pg_proc", 1255L),
            Map.entry("pg_class", 1259L),
            Map.entry("pg_database", 1262L),
            Map.entry("pg_namespace", 2615L),
            Map.entry("pg_description", 2609L),
            Map.entry("pg_constraint", 2606L),
            Map.entry("pg_index", 2610L),
            Map.entry("pg_am", 2601L),
            Map.entry("pg_attrdef", 2604L));

    private final Map<String, DatasetView> datasets = new TreeMap<>();
    private final Map<String, Long> oids = new HashMap<>();
    private final Map<Long, String> classes = new HashMap<>();
    private final SessionView session;
    private final Map<String, Relation> built = new HashMap<>();

    CatalogData(List<DatasetView> readable, SessionView session) {
        this.session = session;
        for (DatasetView view : readable) {
            datasets.put(view.name(), view);
        }
        for (String name : datasets.keySet()) {
            long oid = oidOf(name);
            while (classes.containsKey(oid)) {
                oid++;
            }
            oids.put(name, oid);
            classes.put(oid, name);
        }
    }

    /** A stable oid per dataset name (PostgreSQL numbers user objects from 16384). */
    private static long oidOf(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return 16_400 + (crc.getValue() % 1_000_000_000L);
    }

    SessionView session() {
        return session;
    }

    /** The oid of a relation by name ({@code regclass} input): a dataset, or a catalog relation. */
    Optional<Long> classOid(String name) {
        String simple = name.startsWith("public.") ? name.substring(7) : name;
        simple = simple.startsWith("pg_catalog.") ? simple.substring(11) : simple;
        if (simple.startsWith("\"") && simple.endsWith("\"") && simple.length() > 1) {
            simple = simple.substring(1, simple.length() - 1);
        }
        Long oid = oids.get(simple);
        return oid != null ? Optional.of(oid) : Optional.ofNullable(SYSTEM_OIDS.get(simple));
    }

    /** The name of a relation by oid ({@code regclass} output); the oid itself when none has it. */
    String className(long oid) {
        String name = classes.get(oid);
        if (name != null) {
            return name;
        }
        for (Map.Entry<String, Long> system : SYSTEM_OIDS.entrySet()) {
            if (system.getValue() == oid) {
                return system.getKey();
            }
        }
        return Long.toString(oid);
    }

    String namespaceName(long oid) {
        if (oid == PG_CATALOG) {
            return "pg_catalog";
        }
        if (oid == PUBLIC) {
            return "public";
        }
        if (oid == INFORMATION_SCHEMA) {
            return "information_schema";
        }
        return Long.toString(oid);
    }

    boolean isDataset(long oid) {
        return classes.containsKey(oid);
    }

    /** The relation {@code key} ({@code pg_class}, {@code information_schema.tables}, {@code INFORMATION_SCHEMA.TABLES}). */
    Relation relation(String key) {
        return built.computeIfAbsent(key, this::build);
    }

    private Relation build(String key) {
        List<SqlColumn> columns = CatalogColumns.of(key);
        Rows rows = new Rows(columns);
        switch (key) {
            case "pg_namespace" -> {
                rows.add(Map.of("oid", PG_CATALOG, "nspname", "pg_catalog", "nspowner", OWNER_OID));
                rows.add(Map.of("oid", PUBLIC, "nspname", "public", "nspowner", OWNER_OID));
                rows.add(Map.of("oid", INFORMATION_SCHEMA, "nspname", "information_schema", "nspowner", OWNER_OID));
            }
            case "pg_class" -> datasets.forEach((name, view) -> rows.add(pgClass(name, view)));
            case "pg_attribute" -> datasets.forEach((name, view) -> {
                int n = 1;
                for (DatasetColumn column : view.columns()) {
                    rows.add(pgAttribute(oids.get(name), n++, column));
                }
            });
            case "pg_type" -> {
                for (PgType type : PgType.values()) {
                    rows.add(pgType(type));
                }
            }
            case "pg_database" -> rows.add(Map.ofEntries(
                    Map.entry("oid", DATABASE_OID),
                    Map.entry("datname", DATABASE),
                    Map.entry("datdba", OWNER_OID),
                    Map.entry("encoding", 6L),
                    Map.entry("datlocprovider", "c"),
                    Map.entry("datistemplate", false),
                    Map.entry("datallowconn", true),
                    Map.entry("datconnlimit", -1L),
                    Map.entry("dattablespace", 1663L),
                    Map.entry("datcollate", "C.UTF-8"),
                    Map.entry("datctype", "C.UTF-8")));
            case "pg_roles", "pg_user", "pg_authid" -> {
                rows.add(role(OWNER_OID, OWNER));
                if (!session.user().equals(OWNER)) {
                    rows.add(role(CALLER_OID, session.user()));
                }
            }
            case "pg_am" -> {
                rows.add(Map.of("oid", 2L, "amname", "heap", "amhandler", "heap_tableam_handler", "amtype", "t"));
                rows.add(Map.of("oid", 403L, "amname", "btree", "amhandler", "bthandler", "amtype", "i"));
            }
            case "pg_tables" -> datasets.keySet()
                    .forEach(name -> rows.add(Map.of(
                            "schemaname", "public",
                            "tablename", name,
                            "tableowner", OWNER,
                            "hasindexes", false,
                            "hasrules", false,
                            "hastriggers", false,
                            "rowsecurity", false)));
            case "pg_settings" -> {
                for (Map.Entry<String, String> setting : io.strata.api.sql.SessionSettings.DEFAULTS.entrySet()) {
                    String value = session.setting(setting.getKey()).orElse(setting.getValue());
                    rows.add(Map.of(
                            "name",
                            setting.getKey().toLowerCase(Locale.ROOT),
                            "setting",
                            value,
                            "category",
                            "Strata",
                            "short_desc",
                            "",
                            "context",
                            "user",
                            "vartype",
                            "string",
                            "source",
                            "default",
                            "boot_val",
                            setting.getValue(),
                            "reset_val",
                            setting.getValue(),
                            "pending_restart",
                            false));
                }
            }
            case "information_schema.schemata" -> {
                for (String schema : List.of("information_schema", "pg_catalog", "public")) {
                    rows.add(Map.of("catalog_name", DATABASE, "schema_name", schema, "schema_owner", OWNER));
                }
            }
            case "information_schema.tables" -> datasets.keySet()
                    .forEach(name -> rows.add(Map.of(
                            "table_catalog", DATABASE,
                            "table_schema", "public",
                            "table_name", name,
                            "table_type", "BASE TABLE",
                            "is_insertable_into", "NO",
                            "is_typed", "NO")));
            case "information_schema.columns" -> datasets.forEach((name, view) -> {
                int n = 1;
                for (DatasetColumn column : view.columns()) {
                    rows.add(informationSchemaColumn(name, n++, column));
                }
            });
            case "INFORMATION_SCHEMA.SCHEMATA" -> {
                rows.add(Map.of("CATALOG_NAME", "druid", "SCHEMA_NAME", "druid"));
                rows.add(Map.of("CATALOG_NAME", "druid", "SCHEMA_NAME", "INFORMATION_SCHEMA"));
            }
            case "INFORMATION_SCHEMA.TABLES" -> {
                datasets.keySet().forEach(name -> rows.add(druidTable("druid", name, "TABLE")));
                for (String table : List.of("COLUMNS", "ROUTINES", "SCHEMATA", "TABLES")) {
                    rows.add(druidTable("INFORMATION_SCHEMA", table, "SYSTEM_TABLE"));
                }
            }
            case "INFORMATION_SCHEMA.COLUMNS" -> datasets.forEach((name, view) -> {
                int n = 1;
                for (DatasetColumn column : view.columns()) {
                    rows.add(druidColumn(name, n++, column));
                }
            });
            default -> {
                // every other relation exists and is empty: no indexes, constraints, views, functions, policies ...
            }
        }
        return new Relation(columns, rows.rows);
    }

    private Map<String, Object> pgClass(String name, DatasetView view) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("oid", oids.get(name));
        row.put("relname", name);
        row.put("relnamespace", PUBLIC);
        row.put("reltype", 0L);
        row.put("reloftype", 0L);
        row.put("relowner", OWNER_OID);
        row.put("relam", 2L);
        row.put("relfilenode", oids.get(name));
        row.put("reltablespace", 0L);
        row.put("relpages", 0L);
        row.put("reltuples", -1.0);
        row.put("relallvisible", 0L);
        row.put("reltoastrelid", 0L);
        row.put("relhasindex", false);
        row.put("relisshared", false);
        row.put("relpersistence", "p");
        row.put("relkind", "r");
        row.put("relnatts", (long) view.columns().size());
        row.put("relchecks", 0L);
        row.put("relhasrules", false);
        row.put("relhastriggers", false);
        row.put("relhassubclass", false);
        row.put("relrowsecurity", false);
        row.put("relforcerowsecurity", false);
        row.put("relispopulated", true);
        row.put("relreplident", "d");
        row.put("relispartition", false);
        row.put("relrewrite", 0L);
        row.put("relfrozenxid", 0L);
        row.put("relminmxid", 0L);
        return row;
    }

    private static Map<String, Object> pgAttribute(long relation, int number, DatasetColumn column) {
        PgType type = PgType.ofDruid(column.type());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("attrelid", relation);
        row.put("attname", column.name());
        row.put("atttypid", (long) type.oid());
        row.put("attstattarget", -1L);
        row.put("attlen", (long) type.length());
        row.put("attnum", (long) number);
        row.put("attndims", 0L);
        row.put("attcacheoff", -1L);
        row.put("atttypmod", -1L);
        row.put("attbyval", type.length() > 0 && type.length() <= 8);
        row.put("attalign", type.length() == 8 ? "d" : "i");
        row.put("attstorage", type.length() > 0 ? "p" : "x");
        row.put("attcompression", "");
        row.put("attnotnull", column.name().equals("__time"));
        row.put("atthasdef", false);
        row.put("atthasmissing", false);
        row.put("attidentity", "");
        row.put("attgenerated", "");
        row.put("attisdropped", false);
        row.put("attislocal", true);
        row.put("attinhcount", 0L);
        row.put("attcollation", type.category() == 'S' ? 100L : 0L);
        return row;
    }

    private static Map<String, Object> pgType(PgType type) {
        boolean pseudo = type == PgType.UNKNOWN || type == PgType.RECORD || type == PgType.VOID;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("oid", (long) type.oid());
        row.put("typname", type.typname());
        row.put("typnamespace", PG_CATALOG);
        row.put("typowner", OWNER_OID);
        row.put("typlen", (long) type.length());
        row.put("typbyval", type.length() > 0 && type.length() <= 8 && type != PgType.NAME);
        row.put("typtype", pseudo ? "p" : "b");
        row.put("typcategory", String.valueOf(type.category()));
        row.put("typispreferred", type == PgType.TEXT || type == PgType.FLOAT8 || type == PgType.BOOL);
        row.put("typisdefined", true);
        row.put("typdelim", ",");
        row.put("typrelid", 0L);
        row.put("typsubscript", type.isArray() ? "array_subscript_handler" : "-");
        row.put("typelem", type.element() == null ? 0L : (long) type.element().oid());
        row.put("typarray", (long) type.arrayOid());
        row.put("typinput", type.input());
        row.put("typoutput", type.output());
        row.put("typreceive", type.receive());
        row.put("typsend", type.send());
        row.put("typmodin", "-");
        row.put("typmodout", "-");
        row.put("typanalyze", "-");
        row.put("typalign", type.length() == 8 ? "d" : type.length() == 1 ? "c" : "i");
        row.put("typstorage", type.length() > 0 ? "p" : "x");
        row.put("typnotnull", false);
        row.put("typbasetype", 0L);
        row.put("typtypmod", -1L);
        row.put("typndims", 0L);
        row.put("typcollation", type.category() == 'S' && type != PgType.CHAR ? 100L : 0L);
        return row;
    }

    private static Map<String, Object> role(long oid, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("oid", oid);
        row.put("rolname", name);
        row.put("usename", name);
        row.put("usesysid", oid);
        row.put("rolsuper", false);
        row.put("usesuper", false);
        row.put("rolinherit", true);
        row.put("rolcreaterole", false);
        row.put("rolcreatedb", false);
        row.put("usecreatedb", false);
        row.put("rolcanlogin", true);
        row.put("rolreplication", false);
        row.put("userepl", false);
        row.put("usebypassrls", false);
        row.put("rolbypassrls", false);
        row.put("rolconnlimit", -1L);
        row.put("rolpassword", "********");
        row.put("passwd", "********");
        return row;
    }

    private static Map<String, Object> informationSchemaColumn(String table, int number, DatasetColumn column) {
        PgType type = PgType.ofDruid(column.type());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("table_catalog", DATABASE);
        row.put("table_schema", "public");
        row.put("table_name", table);
        row.put("column_name", column.name());
        row.put("ordinal_position", (long) number);
        row.put("is_nullable", column.name().equals("__time") ? "NO" : "YES");
        row.put("data_type", type.formatName());
        switch (type) {
            case INT8 -> precision(row, 64, 0);
            case INT4 -> precision(row, 32, 0);
            case INT2 -> precision(row, 16, 0);
            case FLOAT8 -> precision(row, 53, null);
            case FLOAT4 -> precision(row, 24, null);
            case TIMESTAMPTZ, DATE -> row.put("datetime_precision", 3L);
            default -> {}
        }
        row.put("udt_catalog", DATABASE);
        row.put("udt_schema", "pg_catalog");
        row.put("udt_name", type.typname());
        row.put("dtd_identifier", Integer.toString(number));
        row.put("is_self_referencing", "NO");
        row.put("is_identity", "NO");
        row.put("is_generated", "NEVER");
        row.put("is_updatable", "NO");
        return row;
    }

    private static void precision(Map<String, Object> row, int precision, Integer scale) {
        row.put("numeric_precision", (long) precision);
        row.put("numeric_precision_radix", 2L);
        if (scale != null) {
            row.put("numeric_scale", (long) scale);
        }
    }

    private static Map<String, Object> druidTable(String schema, String name, String type) {
        return Map.of(
                "TABLE_CATALOG",
                "druid",
                "TABLE_SCHEMA",
                schema,
                "TABLE_NAME",
                name,
                "TABLE_TYPE",
                type,
                "IS_JOINABLE",
                "NO",
                "IS_BROADCAST",
                "NO");
    }

    /** A column as Druid's broker lists it in INFORMATION_SCHEMA.COLUMNS. */
    private static Map<String, Object> druidColumn(String table, int number, DatasetColumn column) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("TABLE_CATALOG", "druid");
        row.put("TABLE_SCHEMA", "druid");
        row.put("TABLE_NAME", table);
        row.put("COLUMN_NAME", column.name());
        row.put("ORDINAL_POSITION", (long) number);
        row.put("COLUMN_DEFAULT", "");
        row.put("IS_NULLABLE", column.name().equals("__time") ? "NO" : "YES");
        row.put("DATA_TYPE", column.type());
        switch (column.type()) {
            case "BIGINT" -> {
                row.put("NUMERIC_PRECISION", 19L);
                row.put("NUMERIC_PRECISION_RADIX", 10L);
                row.put("NUMERIC_SCALE", 0L);
                row.put("JDBC_TYPE", -5L);
            }
            case "DOUBLE" -> {
                row.put("NUMERIC_PRECISION", 15L);
                row.put("NUMERIC_PRECISION_RADIX", 10L);
                row.put("JDBC_TYPE", 8L);
            }
            case "FLOAT" -> {
                row.put("NUMERIC_PRECISION", 7L);
                row.put("NUMERIC_PRECISION_RADIX", 10L);
                row.put("JDBC_TYPE", 6L);
            }
            case "TIMESTAMP" -> {
                row.put("DATETIME_PRECISION", 3L);
                row.put("JDBC_TYPE", 93L);
            }
            case "VARCHAR" -> {
                row.put("CHARACTER_SET_NAME", "UTF-16LE");
                row.put("COLLATION_NAME", "UTF-16LE$en_US$primary");
                row.put("JDBC_TYPE", 12L);
            }
            default -> row.put("JDBC_TYPE", 1111L);
        }
        return row;
    }

    /** Rows built from column-to-value maps; a column not in a map is SQL NULL. */
    private static final class Rows {
        private final List<SqlColumn> columns;
        private final List<Object[]> rows = new ArrayList<>();

        Rows(List<SqlColumn> columns) {
            this.columns = columns;
        }

        void add(Map<String, Object> values) {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = values.get(columns.get(i).name());
            }
            rows.add(row);
        }
    }
}
