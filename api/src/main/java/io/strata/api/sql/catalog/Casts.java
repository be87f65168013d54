package io.strata.api.sql.catalog;

import io.strata.api.sql.PgType;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * Casts of the local engine, PostgreSQL's included that catalog queries use: {@code 'sales'::regclass} (a relation's
 * oid), {@code oid::regclass::text} (its name), {@code oid::regtype}, {@code '{a,b}'::text[]}.
 */
final class Casts {

    private Casts() {}

    static String name(SqlDataTypeSpec spec) {
        SqlIdentifier id = spec.getTypeName();
        String name = id.names.get(id.names.size() - 1).toLowerCase(Locale.ROOT);
        return switch (name) {
            case "timestamp_with_local_time_zone", "timestamp_tz" -> "timestamptz";
            case "character varying" -> "varchar";
            default -> name;
        };
    }

    static PgType type(SqlDataTypeSpec spec) {
        return PgType.named(name(spec)).orElse(PgType.TEXT);
    }

    static Object cast(Object value, SqlDataTypeSpec spec, CatalogData data) {
        if (value == null) {
            return null;
        }
        String name = name(spec);
        PgType type = PgType.named(name).orElse(PgType.TEXT);
        switch (type) {
            case REGCLASS: {
                if (value instanceof Values.Reg reg) {
                    return new Values.Reg(reg.oid(), data.className(reg.oid()));
                }
                if (value instanceof Number n) {
                    return new Values.Reg(n.longValue(), data.className(n.longValue()));
                }
                String relation = Values.text(value);
                if (Values.isNumber(relation)) {
                    long oid = Values.number(relation).longValue();
                    return new Values.Reg(oid, data.className(oid));
                }
                long oid = data.classOid(relation)
                        .orElseThrow(() -> new SqlException(
                                SqlState.UNDEFINED_TABLE, "relation \"" + relation + "\" does not exist"));
                return new Values.Reg(oid, data.className(oid));
            }
            case REGTYPE: {
                long oid = value instanceof String s && !Values.isNumber(s)
                        ? PgType.named(s)
                                .map(t -> (long) t.oid())
                                .orElseThrow(() -> new SqlException(
                                        SqlState.UNDEFINED_OBJECT, "type \"" + s + "\" does not exist"))
                        : Values.number(value).longValue();
                return new Values.Reg(oid, Functions.formatType(oid, null));
            }
            case REGNAMESPACE: {
                long oid = Values.number(value).longValue();
                return new Values.Reg(oid, data.namespaceName(oid));
            }
            case REGPROC:
                return Values.text(value);
            case INT8, INT4, INT2, OID, XID: {
                Number n = Values.number(value);
                return n instanceof Long ? n : (Object) Math.round(n.doubleValue());
            }
            case FLOAT8, FLOAT4, NUMERIC:
                return Values.number(value).doubleValue();
            case BOOL:
                return Values.truth(value);
            case DATE:
                return value instanceof LocalDate
                        ? value
                        : LocalDate.parse(Values.text(value).substring(0, 10));
            case TIMESTAMPTZ, TIMESTAMP:
                if (value instanceof OffsetDateTime) {
                    return value;
                }
                return parseTimestamp(Values.text(value));
            default:
                if (type.isArray() || type == PgType.INT2VECTOR || type == PgType.OIDVECTOR) {
                    return value instanceof List<?> ? value : Values.array(Values.text(value));
                }
                return Values.text(value);
        }
    }

    private static OffsetDateTime parseTimestamp(String text) {
        String t = text.trim().replace(' ', 'T');
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d(:?\\d\\d)?$")) {
                String withMinutes = t.matches(".*[+-]\\d\\d$") ? t + ":00" : t;
                return OffsetDateTime.parse(withMinutes);
            }
            return java.time.LocalDateTime.parse(t).atOffset(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw Values.invalid("timestamp with time zone", text);
        }
    }
}
