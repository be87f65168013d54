package io.strata.api.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Rewrites the PostgreSQL spellings BI tools send into the Druid SQL that means the same: {@code x::int8} and
 * {@code CAST(x AS int8)} with PostgreSQL type names, {@code ILIKE}, the regular-expression operators {@code ~},
 * {@code ~*}, {@code !~}, {@code !~*}, {@code now()}, {@code date_part('field', x)}. Function names are written
 * unquoted (Druid looks them up by name, whatever their case), so {@code date_trunc} stays Druid's
 * {@code DATE_TRUNC}.
 */
final class PgSpellings extends SqlShuttle {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static SqlNode apply(SqlNode query) {
        return query.accept(new PgSpellings());
    }

    @Override
    public SqlNode visit(SqlCall call) {
        SqlCall visited = (SqlCall) super.visit(call);
        if (visited == null) {
            return null;
        }
        SqlOperator operator = visited.getOperator();
        SqlParserPos pos = visited.getParserPosition();
        List<SqlNode> operands = visited.getOperandList();
        if (operator == SqlLibraryOperators.INFIX_CAST || operator.getKind() == SqlKind.CAST) {
            if (operands.size() == 2 && operands.get(1) instanceof SqlDataTypeSpec spec) {
                return SqlStdOperatorTable.CAST.createCall(pos, operands.get(0), druidType(spec));
            }
            return visited;
        }
        if (operator == SqlLibraryOperators.ILIKE || operator == SqlLibraryOperators.NOT_ILIKE) {
            List<SqlNode> lowered = new ArrayList<>();
            lowered.add(lower(operands.get(0)));
            lowered.add(lower(operands.get(1)));
            if (operands.size() > 2) {
                lowered.add(operands.get(2));
            }
            SqlOperator like =
                    operator == SqlLibraryOperators.ILIKE ? SqlStdOperatorTable.LIKE : SqlStdOperatorTable.NOT_LIKE;
            return like.createCall(pos, lowered);
        }
        if (operator == SqlStdOperatorTable.POSIX_REGEX_CASE_SENSITIVE
                || operator == SqlStdOperatorTable.POSIX_REGEX_CASE_INSENSITIVE
                || operator == SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_SENSITIVE
                || operator == SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_INSENSITIVE) {
            boolean insensitive = operator == SqlStdOperatorTable.POSIX_REGEX_CASE_INSENSITIVE
                    || operator == SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_INSENSITIVE;
            SqlNode pattern = insensitive
                    ? SqlStdOperatorTable.CONCAT.createCall(
                            pos, SqlLiteral.createCharString("(?i)", pos), operands.get(1))
                    : operands.get(1);
            SqlNode match = function("REGEXP_LIKE").createCall(pos, operands.get(0), pattern);
            boolean negated = operator == SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_SENSITIVE
                    || operator == SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_INSENSITIVE;
            return negated ? SqlStdOperatorTable.NOT.createCall(pos, match) : match;
        }
        if (operator instanceof SqlUnresolvedFunction unresolved) {
            String name = unresolved.getName();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("now") && operands.isEmpty()) {
                return SqlStdOperatorTable.CURRENT_TIMESTAMP.createCall(pos);
            }
            if (lower.equals("date_part") && operands.size() == 2 && operands.get(0) instanceof SqlLiteral field) {
                TimeUnit unit = timeUnit(field.toValue());
                if (unit != null) {
                    return SqlStdOperatorTable.EXTRACT.createCall(
                            pos, new SqlIntervalQualifier(unit, null, pos), operands.get(1));
                }
            }
            if (PLAIN_NAME.matcher(name).matches()
                    && unresolved.getSqlIdentifier() != null
                    && unresolved.getSqlIdentifier().isSimple()) {
                return function(name.toUpperCase(Locale.ROOT))
                        .createCall(visited.getFunctionQuantifier(), pos, operands.toArray(SqlNode[]::new));
            }
        }
        return visited;
    }

    private static SqlNode lower(SqlNode node) {
        return SqlStdOperatorTable.LOWER.createCall(node.getParserPosition(), node);
    }

    /** A function Calcite writes by its name, unquoted. */
    private static SqlFunction function(String name) {
        return new SqlFunction(
                name,
                SqlKind.OTHER_FUNCTION,
                ReturnTypes.explicit(SqlTypeName.ANY),
                null,
                OperandTypes.VARIADIC,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    private static TimeUnit timeUnit(String field) {
        if (field == null) {
            return null;
        }
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "year" -> TimeUnit.YEAR;
            case "quarter" -> TimeUnit.QUARTER;
            case "month" -> TimeUnit.MONTH;
            case "week" -> TimeUnit.WEEK;
            case "day" -> TimeUnit.DAY;
            case "dow" -> TimeUnit.DOW;
            case "doy" -> TimeUnit.DOY;
            case "hour" -> TimeUnit.HOUR;
            case "minute" -> TimeUnit.MINUTE;
            case "second" -> TimeUnit.SECOND;
            case "epoch" -> TimeUnit.EPOCH;
            default -> null;
        };
    }

    /** A cast's type as Druid names it: PostgreSQL names ({@code int8}, {@code text}, {@code timestamptz}) mapped. */
    static SqlDataTypeSpec druidType(SqlDataTypeSpec spec) {
        SqlParserPos pos = spec.getParserPosition();
        String name = typeName(spec).toLowerCase(Locale.ROOT);
        SqlTypeName type =
                switch (name) {
                    case "int8", "bigint", "serial8", "bigserial" -> SqlTypeName.BIGINT;
                    case "int", "int4", "integer", "int2", "smallint", "serial", "tinyint" -> SqlTypeName.INTEGER;
                    case "float4", "real", "float" -> SqlTypeName.FLOAT;
                    case "float8", "double", "double precision", "numeric", "decimal" -> SqlTypeName.DOUBLE;
                    case "text",
                            "varchar",
                            "character varying",
                            "char",
                            "character",
                            "bpchar",
                            "name",
                            "string" -> SqlTypeName.VARCHAR;
                    case "bool", "boolean" -> SqlTypeName.BOOLEAN;
                    case "timestamp",
                            "timestamptz",
                            "timestamp with time zone",
                            "timestamp without time zone",
                            "timestamp_with_local_time_zone",
                            "timestamp_tz" -> SqlTypeName.TIMESTAMP;
                    case "date" -> SqlTypeName.DATE;
                    default -> null;
                };
        if (type == null) {
            throw SqlException.notSupported(
                    "type " + name + " is not supported in queries over datasets",
                    "cast to text, bigint, integer, double precision, real, boolean, timestamp or date");
        }
        return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, pos), pos);
    }

    private static String typeName(SqlDataTypeSpec spec) {
        SqlIdentifier id = spec.getTypeName();
        String simple = id.names.get(id.names.size() - 1);
        if (spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic) {
            SqlTypeName sqlType = SqlTypeName.get(simple.toUpperCase(Locale.ROOT));
            if (sqlType == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE || sqlType == SqlTypeName.TIMESTAMP_TZ) {
                return "timestamptz";
            }
            if (sqlType != null) {
                return sqlType.getName();
            }
            return basic.getTypeName().getSimple();
        }
        return simple;
    }

    /** Whether the call is one Calcite treats as a bare function name ({@code count}, {@code date_trunc}). */
    static boolean isFunction(SqlNode node) {
        return node instanceof SqlBasicCall call && call.getOperator() instanceof SqlFunction;
    }
}
