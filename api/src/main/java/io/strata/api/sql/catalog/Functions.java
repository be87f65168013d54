package io.strata.api.sql.catalog;

import io.strata.api.sql.PgType;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The scalar functions the local engine answers: PostgreSQL's catalog and session functions drivers call
 * ({@code version()}, {@code current_schema()}, {@code format_type}, {@code pg_table_is_visible},
 * {@code has_table_privilege}, ...) and the common string, math and date functions. Names are lower case.
 */
final class Functions {

    static final String VERSION = "PostgreSQL 15.0 (Strata, SQL over Apache Druid 33) on x86_64-pc-linux-gnu, "
            + "compiled by Java 17, 64-bit";

    private static final OffsetDateTime STARTED = OffsetDateTime.now(ZoneOffset.UTC);

    /** Functions that read nothing but their arguments and the session: a query made of them is answered here. */
    private static final Set<String> KNOWN = Set.of(
            "version",
            "current_database",
            "current_catalog",
            "current_schema",
            "current_schemas",
            "current_user",
            "session_user",
            "user",
            "current_role",
            "pg_get_userbyid",
            "pg_encoding_to_char",
            "format_type",
            "pg_table_is_visible",
            "pg_type_is_visible",
            "pg_function_is_visible",
            "has_table_privilege",
            "has_schema_privilege",
            "has_database_privilege",
            "has_column_privilege",
            "has_any_column_privilege",
            "has_function_privilege",
            "has_sequence_privilege",
            "pg_has_role",
            "array_to_string",
            "array_upper",
            "array_lower",
            "array_length",
            "cardinality",
            "pg_get_expr",
            "pg_get_indexdef",
            "pg_get_constraintdef",
            "pg_get_viewdef",
            "pg_get_triggerdef",
            "pg_get_functiondef",
            "pg_get_serial_sequence",
            "pg_get_statisticsobjdef_columns",
            "pg_relation_is_publishable",
            "obj_description",
            "col_description",
            "shobj_description",
            "pg_backend_pid",
            "pg_postmaster_start_time",
            "pg_is_in_recovery",
            "current_setting",
            "pg_total_relation_size",
            "pg_relation_size",
            "pg_table_size",
            "pg_indexes_size",
            "pg_size_pretty",
            "quote_ident",
            "quote_literal",
            "lower",
            "upper",
            "length",
            "char_length",
            "character_length",
            "octet_length",
            "substr",
            "substring",
            "replace",
            "concat",
            "concat_ws",
            "btrim",
            "ltrim",
            "rtrim",
            "left",
            "right",
            "strpos",
            "split_part",
            "lpad",
            "rpad",
            "repeat",
            "starts_with",
            "coalesce",
            "nullif",
            "greatest",
            "least",
            "now",
            "statement_timestamp",
            "clock_timestamp",
            "transaction_timestamp",
            "abs",
            "round",
            "floor",
            "ceil",
            "ceiling",
            "mod",
            "power",
            "sqrt",
            "json_build_object",
            "pg_tablespace_location",
            "inet_server_addr",
            "inet_server_port",
            "pg_encoding_max_length",
            "to_regclass",
            "txid_current");

    private Functions() {}

    static boolean known(String name) {
        return KNOWN.contains(name);
    }

    /** The type a function returns, given its arguments' types. */
    static PgType type(String name, List<PgType> arguments) {
        return switch (name) {
            case "current_database",
                    "current_catalog",
                    "current_schema",
                    "current_user",
                    "session_user",
                    "user",
                    "current_role",
                    "pg_get_userbyid",
                    "pg_encoding_to_char" -> PgType.NAME;
            case "current_schemas" -> PgType.NAME_ARRAY;
            case "pg_table_is_visible",
                    "pg_type_is_visible",
                    "pg_function_is_visible",
                    "has_table_privilege",
                    "has_schema_privilege",
                    "has_database_privilege",
                    "has_column_privilege",
                    "has_any_column_privilege",
                    "has_function_privilege",
                    "has_sequence_privilege",
                    "pg_has_role",
                    "pg_relation_is_publishable",
                    "pg_is_in_recovery",
                    "starts_with" -> PgType.BOOL;
            case "array_upper",
                    "array_lower",
                    "array_length",
                    "cardinality",
                    "pg_backend_pid",
                    "length",
                    "char_length",
                    "character_length",
                    "octet_length",
                    "strpos",
                    "inet_server_port",
                    "pg_encoding_max_length" -> PgType.INT4;
            case "pg_total_relation_size",
                    "pg_relation_size",
                    "pg_table_size",
                    "pg_indexes_size",
                    "txid_current" -> PgType.INT8;
            case "pg_postmaster_start_time",
                    "now",
                    "statement_timestamp",
                    "clock_timestamp",
                    "transaction_timestamp" -> PgType.TIMESTAMPTZ;
            case "to_regclass" -> PgType.REGCLASS;
            case "json_build_object" -> PgType.JSON;
            case "coalesce",
                    "nullif",
                    "greatest",
                    "least",
                    "abs",
                    "round",
                    "floor",
                    "ceil",
                    "ceiling",
                    "mod" -> arguments.isEmpty() ? PgType.TEXT : first(arguments);
            case "power", "sqrt" -> PgType.FLOAT8;
            default -> PgType.TEXT;
        };
    }

    private static PgType first(List<PgType> types) {
        for (PgType t : types) {
            if (t != PgType.UNKNOWN) {
                return t;
            }
        }
        return PgType.TEXT;
    }

    static Object call(String name, List<Object> a, CatalogData data) {
        switch (name) {
            case "version":
                return VERSION;
            case "current_database", "current_catalog":
                return CatalogData.DATABASE;
            case "current_schema":
                return "public";
            case "current_schemas":
                return a.isEmpty() || !Values.isTrue(a.get(0)) ? List.of("public") : List.of("pg_catalog", "public");
            case "current_user", "session_user", "user", "current_role":
                return data.session().user();
            case "pg_get_userbyid": {
                Number oid = a.get(0) == null ? null : Values.number(a.get(0));
                if (oid == null) {
                    return null;
                }
                if (oid.longValue() == CatalogData.OWNER_OID) {
                    return CatalogData.OWNER;
                }
                return oid.longValue() == CatalogData.CALLER_OID
                        ? data.session().user()
                        : "unknown (OID=" + oid + ")";
            }
            case "pg_encoding_to_char":
                return a.get(0) != null && Values.number(a.get(0)).longValue() == 6 ? "UTF8" : "";
            case "format_type":
                return formatType(a.get(0), a.size() > 1 ? a.get(1) : null);
            case "pg_table_is_visible", "pg_type_is_visible", "pg_function_is_visible":
                return a.get(0) == null ? null : true;
            case "has_table_privilege",
                    "has_schema_privilege",
                    "has_database_privilege",
                    "has_column_privilege",
                    "has_any_column_privilege",
                    "has_function_privilege",
                    "has_sequence_privilege": {
                String privilege = Values.text(a.get(a.size() - 1));
                if (privilege == null) {
                    return null;
                }
                for (String p : privilege.toUpperCase(Locale.ROOT).split(",")) {
                    String trimmed = p.trim().replace(" WITH GRANT OPTION", "");
                    if (!Set.of("SELECT", "USAGE", "CONNECT", "TEMPORARY", "TEMP", "EXECUTE")
                            .contains(trimmed)) {
                        return false;
                    }
                }
                return true;
            }
            case "pg_has_role":
                return false;
            case "array_to_string": {
                if (a.get(0) == null) {
                    return null;
                }
                List<?> array = list(a.get(0));
                String separator = Values.text(a.get(1));
                String nullText = a.size() > 2 ? Values.text(a.get(2)) : null;
                List<String> parts = new ArrayList<>();
                for (Object e : array) {
                    if (e != null) {
                        parts.add(Values.text(e));
                    } else if (nullText != null) {
                        parts.add(nullText);
                    }
                }
                return String.join(separator, parts);
            }
            case "array_upper", "array_length", "cardinality": {
                if (a.get(0) == null) {
                    return null;
                }
                List<?> array = list(a.get(0));
                return array.isEmpty() && !name.equals("cardinality") ? null : (long) array.size();
            }
            case "array_lower":
                return a.get(0) == null || list(a.get(0)).isEmpty() ? null : 1L;
            case "pg_get_expr",
                    "pg_get_indexdef",
                    "pg_get_constraintdef",
                    "pg_get_viewdef",
                    "pg_get_triggerdef",
                    "pg_get_functiondef",
                    "pg_get_serial_sequence",
                    "pg_get_statisticsobjdef_columns",
                    "obj_description",
                    "col_description",
                    "shobj_description",
                    "pg_tablespace_location",
                    "inet_server_addr",
                    "inet_server_port":
                return null;
            case "pg_relation_is_publishable", "pg_is_in_recovery":
                return false;
            case "pg_backend_pid":
                return data.session()
                        .setting("strata.backend_pid")
                        .map(Long::parseLong)
                        .orElse(0L);
            case "pg_postmaster_start_time":
                return STARTED;
            case "current_setting": {
                String setting = Values.text(a.get(0));
                boolean missingOk = a.size() > 1 && Values.isTrue(a.get(1));
                return data.session().setting(setting).orElseGet(() -> {
                    if (missingOk) {
                        return null;
                    }
                    throw new SqlException(
                            SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + setting + "\"");
                });
            }
            case "pg_total_relation_size", "pg_relation_size", "pg_table_size", "pg_indexes_size":
                return a.get(0) == null ? null : 0L;
            case "pg_size_pretty":
                return a.get(0) == null ? null : Values.number(a.get(0)) + " bytes";
            case "pg_encoding_max_length":
                return 4L;
            case "to_regclass":
                return a.get(0) == null
                        ? null
                        : data.classOid(Values.text(a.get(0)))
                                .map(oid -> (Object) new Values.Reg(oid, data.className(oid)))
                                .orElse(null);
            case "txid_current":
                return 1L;
            case "quote_ident":
                return a.get(0) == null ? null : quoteIdent(Values.text(a.get(0)));
            case "quote_literal":
                return a.get(0) == null ? null : "'" + Values.text(a.get(0)).replace("'", "''") + "'";
            case "json_build_object": {
                StringBuilder json = new StringBuilder("{");
                for (int i = 0; i + 1 < a.size(); i += 2) {
                    json.append(i == 0 ? "" : ", ")
                            .append('"')
                            .append(Values.text(a.get(i)))
                            .append("\" : ");
                    Object v = a.get(i + 1);
                    json.append(
                            v == null
                                    ? "null"
                                    : v instanceof Number || v instanceof Boolean
                                            ? Values.text(v)
                                            : "\"" + Values.text(v).replace("\"", "\\\"") + "\"");
                }
                return json.append('}').toString();
            }
            case "now", "statement_timestamp", "clock_timestamp", "transaction_timestamp":
                return OffsetDateTime.now(zone(data));
            default:
                return Strings.call(name, a);
        }
    }

    static ZoneId zone(CatalogData data) {
        return ZoneId.of(data.session().setting("TimeZone").orElse("UTC"));
    }

    static LocalDate today(CatalogData data) {
        return LocalDate.now(zone(data));
    }

    private static List<?> list(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        return Values.array(Values.text(value));
    }

    /** format_type(oid, typmod): the type's SQL name, with its length for character types. */
    static String formatType(Object oid, Object typmod) {
        if (oid == null) {
            return null;
        }
        long o = Values.number(oid).longValue();
        PgType type = PgType.ofOid((int) o).orElse(null);
        if (type == null) {
            return "???";
        }
        long mod = typmod == null ? -1 : Values.number(typmod).longValue();
        if ((type == PgType.VARCHAR || type == PgType.BPCHAR) && mod > 4) {
            return type.formatName() + "(" + (mod - 4) + ")";
        }
        return type.formatName();
    }

    static String quoteIdent(String name) {
        boolean plain = !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = Character.isLowerCase(c) || Character.isDigit(c) || c == '_';
        }
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
