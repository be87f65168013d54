package io.strata.api.sql.catalog;

import io.strata.api.sql.PgType;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlQuantifyOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.util.TimestampString;

/** Evaluates scalar expressions of the local engine over an {@link Env}, and infers their types. */
final class Expressions {

    private final Interpreter queries;
    private final CatalogData data;
    private final List<Object> parameters;

    Expressions(Interpreter queries, CatalogData data, List<Object> parameters) {
        this.queries = queries;
        this.data = data;
        this.parameters = parameters;
    }

    /** Functions PostgreSQL calls without parentheses, which Calcite's Babel grammar reads as names. */
    private static final java.util.Set<String> NILADIC = java.util.Set.of(
            "current_user",
            "session_user",
            "user",
            "current_role",
            "current_catalog",
            "current_schema",
            "current_date",
            "current_timestamp",
            "localtimestamp",
            "current_time",
            "localtime");

    private Object niladic(String name) {
        return switch (name) {
            case "current_date" -> Functions.today(data);
            case "current_timestamp", "localtimestamp", "current_time", "localtime" -> OffsetDateTime.now(
                    Functions.zone(data));
            default -> Functions.call(name, List.of(), data);
        };
    }

    private static PgType niladicType(String name) {
        return switch (name) {
            case "current_date" -> PgType.DATE;
            case "current_timestamp", "localtimestamp", "current_time", "localtime" -> PgType.TIMESTAMPTZ;
            default -> PgType.NAME;
        };
    }

    Object eval(SqlNode node, Env env) {
        if (node == null) {
            return null;
        }
        if (node instanceof SqlLiteral literal) {
            return literal(literal);
        }
        if (node instanceof SqlDynamicParam param) {
            return parameters.get(param.getIndex());
        }
        if (node instanceof SqlIdentifier id) {
            if (id.isSimple() && NILADIC.contains(id.getSimple().toLowerCase(Locale.ROOT)) && !env.has(id.names)) {
                return niladic(id.getSimple().toLowerCase(Locale.ROOT));
            }
            return env.resolve(id.names).value();
        }
        if (node instanceof SqlNodeList) {
            throw unsupported("a list here");
        }
        if (node instanceof SqlCase c) {
            return caseOf(c, env);
        }
        if (!(node instanceof SqlCall call)) {
            throw unsupported(node.getKind().toString());
        }
        if (io.strata.api.sql.catalog.Interpreter.isQuery(call)) {
            Relation result = queries.query(call, env);
            if (result.rows().isEmpty()) {
                return null;
            }
            if (result.rows().size() > 1) {
                throw new SqlException(
                        SqlState.CARDINALITY_VIOLATION,
                        "more than one row returned by a subquery used as an expression");
            }
            return result.rows().get(0)[0];
        }
        return callOf(call, env);
    }

    private Object callOf(SqlCall call, Env env) {
        SqlOperator operator = call.getOperator();
        List<SqlNode> o = call.getOperandList();
        switch (call.getKind()) {
            case AND: {
                Boolean left = Values.truth(eval(o.get(0), env));
                if (Boolean.FALSE.equals(left)) {
                    return false;
                }
                Boolean right = Values.truth(eval(o.get(1), env));
                if (Boolean.FALSE.equals(right)) {
                    return false;
                }
                return left == null || right == null ? null : true;
            }
            case OR: {
                Boolean left = Values.truth(eval(o.get(0), env));
                if (Boolean.TRUE.equals(left)) {
                    return true;
                }
                Boolean right = Values.truth(eval(o.get(1), env));
                if (Boolean.TRUE.equals(right)) {
                    return true;
                }
                return left == null || right == null ? null : false;
            }
            case NOT: {
                Boolean value = Values.truth(eval(o.get(0), env));
                return value == null ? null : !value;
            }
            case EQUALS, NOT_EQUALS, LESS_THAN, GREATER_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN_OR_EQUAL:
                return compare(call.getKind(), eval(o.get(0), env), eval(o.get(1), env));
            case IS_NULL:
                return eval(o.get(0), env) == null;
            case IS_NOT_NULL:
                return eval(o.get(0), env) != null;
            case IS_TRUE:
                return Boolean.TRUE.equals(Values.truth(eval(o.get(0), env)));
            case IS_NOT_TRUE:
                return !Boolean.TRUE.equals(Values.truth(eval(o.get(0), env)));
            case IS_FALSE:
                return Boolean.FALSE.equals(Values.truth(eval(o.get(0), env)));
            case IS_NOT_FALSE:
                return !Boolean.FALSE.equals(Values.truth(eval(o.get(0), env)));
            case IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM: {
                Object a = eval(o.get(0), env);
                Object b = eval(o.get(1), env);
                boolean same = a == null ? b == null : b != null && Values.compare(a, b) == 0;
                return call.getKind() == SqlKind.IS_DISTINCT_FROM ? !same : same;
            }
            case LIKE:
                return like((SqlLikeOperator) operator, o, env);
            case POSIX_REGEX_CASE_SENSITIVE, POSIX_REGEX_CASE_INSENSITIVE: {
                Object text = eval(o.get(0), env);
                Object pattern = eval(o.get(1), env);
                if (text == null || pattern == null) {
                    return null;
                }
                int flags = call.getKind() == SqlKind.POSIX_REGEX_CASE_INSENSITIVE ? Pattern.CASE_INSENSITIVE : 0;
                boolean found = Pattern.compile(Values.text(pattern), flags)
                        .matcher(Values.text(text))
                        .find();
                boolean negated = operator == SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_SENSITIVE
                        || operator == SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_INSENSITIVE;
                return negated != found;
            }
            case BETWEEN: {
                Object v = eval(o.get(0), env);
                Integer low = Values.compare(v, eval(o.get(1), env));
                Integer high = Values.compare(v, eval(o.get(2), env));
                if (low == null || high == null) {
                    return null;
                }
                boolean in = low >= 0 && high <= 0;
                return ((SqlBetweenOperator) operator).isNegated() ? !in : in;
            }
            case IN, NOT_IN:
                return in(call, o, env);
            case SOME, ALL:
                return quantified((SqlQuantifyOperator) operator, call.getKind() == SqlKind.ALL, o, env);
            case EXISTS:
                return !queries.query(o.get(0), env).rows().isEmpty();
            case CAST:
                return Casts.cast(eval(o.get(0), env), (SqlDataTypeSpec) o.get(1), data);
            case PLUS, MINUS, TIMES, DIVIDE, MOD:
                return arithmetic(call.getKind(), eval(o.get(0), env), eval(o.get(1), env));
            case MINUS_PREFIX: {
                Object v = eval(o.get(0), env);
                return v == null ? null : arithmetic(SqlKind.MINUS, 0L, v);
            }
            case PLUS_PREFIX:
                return eval(o.get(0), env);
            case ITEM: {
                Object array = eval(o.get(0), env);
                Object index = eval(o.get(1), env);
                if (array == null || index == null) {
                    return null;
                }
                List<?> list = array instanceof List<?> l ? l : Values.array(Values.text(array));
                int i = (int) Values.number(index).longValue();
                return i >= 1 && i <= list.size() ? list.get(i - 1) : null;
            }
            case ARRAY_VALUE_CONSTRUCTOR: {
                List<Object> values = new ArrayList<>();
                for (SqlNode element : o) {
                    values.add(eval(element, env));
                }
                return values;
            }
            case ARRAY_QUERY_CONSTRUCTOR: {
                List<Object> values = new ArrayList<>();
                for (Object[] row : queries.query(o.get(0), env).rows()) {
                    values.add(row[0]);
                }
                return values;
            }
            case COALESCE, NULLIF:
                return Strings.call(call.getKind() == SqlKind.COALESCE ? "coalesce" : "nullif", args(o, env));
            case TRIM: {
                SqlTrimFunction.Flag flag = (SqlTrimFunction.Flag) ((SqlLiteral) o.get(0)).getValue();
                String name =
                        switch (flag) {
                            case LEADING -> "ltrim";
                            case TRAILING -> "rtrim";
                            default -> "btrim";
                        };
                return Strings.call(name, List.of(eval(o.get(2), env), eval(o.get(1), env)));
            }
            case POSITION: {
                Object needle = eval(o.get(0), env);
                Object haystack = eval(o.get(1), env);
                return needle == null || haystack == null
                        ? null
                        : (long) Values.text(haystack).indexOf(Values.text(needle)) + 1;
            }
            case OVER:
                if (env.windows == null || !env.windows.containsKey(call)) {
                    throw unsupported("a window function here");
                }
                return env.windows.get(call);
            case DOT: {
                Object record = eval(o.get(0), env);
                String field = ((SqlIdentifier) o.get(1)).getSimple();
                return record instanceof java.util.Map<?, ?> map ? map.get(field) : null;
            }
            default:
                break;
        }
        if (Aggregates.isAggregate(call)) {
            return Aggregates.eval(call, env, this);
        }
        String name = operator.getName().toLowerCase(Locale.ROOT);
        switch (name) {
            case "||":
                return concat(eval(o.get(0), env), eval(o.get(1), env));
            case "current_date":
                return Functions.today(data);
            case "current_timestamp", "localtimestamp", "current_time", "localtime":
                return OffsetDateTime.now(Functions.zone(data));
            case "char_length", "character_length", "upper", "lower", "substring", "initcap":
                return Strings.call(name, args(o, env));
            default:
                break;
        }
        if (Functions.known(name)) {
            return Functions.call(name, args(o, env), data);
        }
        throw new SqlException(
                SqlState.UNDEFINED_FUNCTION,
                "function " + name + "() does not exist",
                "catalog queries answered by Strata support PostgreSQL's common catalog, string and math functions");
    }

    List<Object> args(List<SqlNode> operands, Env env) {
        List<Object> values = new ArrayList<>(operands.size());
        for (SqlNode operand : operands) {
            values.add(eval(operand, env));
        }
        return values;
    }

    private Object caseOf(SqlCase c, Env env) {
        Object value = c.getValueOperand() == null ? null : eval(c.getValueOperand(), env);
        SqlNodeList whens = c.getWhenOperands();
        SqlNodeList thens = c.getThenOperands();
        for (int i = 0; i < whens.size(); i++) {
            boolean hit = c.getValueOperand() == null
                    ? Values.isTrue(eval(whens.get(i), env))
                    : Boolean.TRUE.equals(Values.equal(value, eval(whens.get(i), env)));
            if (hit) {
                return eval(thens.get(i), env);
            }
        }
        return eval(c.getElseOperand(), env);
    }

    private static Boolean compare(SqlKind kind, Object a, Object b) {
        Integer c = Values.compare(a, b);
        if (c == null) {
            return null;
        }
        return switch (kind) {
            case EQUALS -> c == 0;
            case NOT_EQUALS -> c != 0;
            case LESS_THAN -> c < 0;
            case GREATER_THAN -> c > 0;
            case LESS_THAN_OR_EQUAL -> c <= 0;
            default -> c >= 0;
        };
    }

    private Object like(SqlLikeOperator operator, List<SqlNode> o, Env env) {
        Object text = eval(o.get(0), env);
        Object pattern = eval(o.get(1), env);
        if (text == null || pattern == null) {
            return null;
        }
        char escape = o.size() > 2 ? Values.text(eval(o.get(2), env)).charAt(0) : '\\';
        boolean match = likePattern(Values.text(pattern), escape, !operator.isCaseSensitive())
                .matcher(Values.text(text))
                .matches();
        return operator.isNegated() != match;
    }

    static Pattern likePattern(String like, char escape, boolean insensitive) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == escape && i + 1 < like.length()) {
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL | (insensitive ? Pattern.CASE_INSENSITIVE : 0));
    }

    private Object in(SqlCall call, List<SqlNode> o, Env env) {
        Object value = eval(o.get(0), env);
        List<Object> candidates = new ArrayList<>();
        if (o.get(1) instanceof SqlNodeList list) {
            for (SqlNode item : list) {
                candidates.add(eval(item, env));
            }
        } else {
            for (Object[] row : queries.query(o.get(1), env).rows()) {
                candidates.add(row[0]);
            }
        }
        boolean negated = call.getKind() == SqlKind.NOT_IN;
        if (value == null) {
            return null;
        }
        boolean unknown = false;
        for (Object candidate : candidates) {
            Boolean equal = Values.equal(value, candidate);
            if (Boolean.TRUE.equals(equal)) {
                return !negated;
            }
            unknown |= equal == null;
        }
        return unknown ? null : negated;
    }

    /** {@code x = ANY(array)}, {@code x <> ALL(subquery)}. */
    private Object quantified(SqlQuantifyOperator operator, boolean all, List<SqlNode> o, Env env) {
        Object value = eval(o.get(0), env);
        List<Object> candidates = new ArrayList<>();
        SqlNode right = o.get(1);
        if (right instanceof SqlNodeList list && list.size() == 1 && !Interpreter.isQuery(list.get(0))) {
            right = list.get(0);
        }
        if (right instanceof SqlNodeList list) {
            for (SqlNode item : list) {
                candidates.addAll(queries.query(item, env).rows().stream()
                        .map(row -> row[0])
                        .toList());
            }
        } else if (Interpreter.isQuery(right)) {
            for (Object[] row : queries.query(right, env).rows()) {
                candidates.add(row[0]);
            }
        } else {
            Object array = eval(right, env);
            if (array == null) {
                return null;
            }
            candidates.addAll(array instanceof List<?> l ? l : Values.array(Values.text(array)));
        }
        boolean unknown = false;
        for (Object candidate : candidates) {
            Boolean result = compare(operator.comparisonKind, value, candidate);
            if (result == null) {
                unknown = true;
            } else if (result != all) {
                return !all;
            }
        }
        return unknown ? null : all;
    }

    private static Object concat(Object a, Object b) {
        if (a instanceof List<?> || b instanceof List<?>) {
            List<Object> all = new ArrayList<>();
            if (a != null) {
                all.addAll(a instanceof List<?> l ? l : List.of(a));
            }
            if (b != null) {
                all.addAll(b instanceof List<?> l ? l : List.of(b));
            }
            return a == null && b == null ? null : all;
        }
        return a == null || b == null ? null : Values.text(a) + Values.text(b);
    }

    private static Object arithmetic(SqlKind kind, Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        Number x = Values.number(a);
        Number y = Values.number(b);
        if (x instanceof Long lx && y instanceof Long ly) {
            return switch (kind) {
                case PLUS -> lx + ly;
                case MINUS -> lx - ly;
                case TIMES -> lx * ly;
                case MOD -> {
                    if (ly == 0) {
                        throw new SqlException(SqlState.DIVISION_BY_ZERO, "division by zero");
                    }
                    yield lx % ly;
                }
                default -> {
                    if (ly == 0) {
                        throw new SqlException(SqlState.DIVISION_BY_ZERO, "division by zero");
                    }
                    yield lx / ly;
                }
            };
        }
        double dx = x.doubleValue();
        double dy = y.doubleValue();
        return switch (kind) {
            case PLUS -> dx + dy;
            case MINUS -> dx - dy;
            case TIMES -> dx * dy;
            case MOD -> dx % dy;
            default -> dx / dy;
        };
    }

    static Object literal(SqlLiteral literal) {
        switch (literal.getTypeName()) {
            case NULL:
                return null;
            case BOOLEAN:
                return literal.booleanValue();
            case CHAR:
            case VARCHAR:
                return literal.getValueAs(String.class);
            case DECIMAL:
            case INTEGER:
            case BIGINT: {
                BigDecimal value = literal.bigDecimalValue();
                if (value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0) {
                    try {
                        return value.longValueExact();
                    } catch (ArithmeticException tooLarge) {
                        return value.doubleValue();
                    }
                }
                return value.doubleValue();
            }
            case DOUBLE:
            case REAL:
            case FLOAT:
                return literal.bigDecimalValue().doubleValue();
            case DATE:
                return LocalDate.parse(literal.toValue());
            case TIMESTAMP:
                return OffsetDateTime.parse(
                        literal.getValueAs(TimestampString.class).toString().replace(' ', 'T') + "Z");
            case SYMBOL:
                return literal.getValue();
            default:
                return literal.toValue();
        }
    }

    static SqlException unsupported(String what) {
        return new SqlException(
                SqlState.FEATURE_NOT_SUPPORTED,
                what.toLowerCase(Locale.ROOT) + " is not supported in catalog queries",
                "catalog queries answered by Strata support SELECT with joins, subqueries, CASE, GROUP BY, ORDER BY");
    }

    /** The PostgreSQL type of an expression; {@code env} binds each source to a row (of nulls, when none). */
    PgType type(SqlNode node, Env env) {
        if (node == null) {
            return PgType.TEXT;
        }
        if (node instanceof SqlLiteral literal) {
            return switch (literal.getTypeName()) {
                case BOOLEAN -> PgType.BOOL;
                case DECIMAL, INTEGER, BIGINT -> literal(literal) instanceof Long ? PgType.INT4 : PgType.NUMERIC;
                case DOUBLE, REAL, FLOAT -> PgType.FLOAT8;
                case NULL -> PgType.UNKNOWN;
                case DATE -> PgType.DATE;
                case TIMESTAMP -> PgType.TIMESTAMPTZ;
                default -> PgType.TEXT;
            };
        }
        if (node instanceof SqlDynamicParam param) {
            Object value = parameters.get(param.getIndex());
            return value instanceof Long ? PgType.INT8 : value instanceof Double ? PgType.FLOAT8 : PgType.TEXT;
        }
        if (node instanceof SqlIdentifier id) {
            if (id.isSimple() && NILADIC.contains(id.getSimple().toLowerCase(Locale.ROOT)) && !env.has(id.names)) {
                return niladicType(id.getSimple().toLowerCase(Locale.ROOT));
            }
            return env.resolve(id.names).column().type();
        }
        if (node instanceof SqlCase c) {
            for (SqlNode then : c.getThenOperands()) {
                PgType t = type(then, env);
                if (t != PgType.UNKNOWN) {
                    return t;
                }
            }
            PgType otherwise = type(c.getElseOperand(), env);
            return otherwise == PgType.UNKNOWN ? PgType.TEXT : otherwise;
        }
        if (!(node instanceof SqlCall call)) {
            return PgType.TEXT;
        }
        if (Interpreter.isQuery(call)) {
            return queries.query(call, env).columns().get(0).type();
        }
        List<SqlNode> o = call.getOperandList();
        switch (call.getKind()) {
            case AND,
                    OR,
                    NOT,
                    EQUALS,
                    NOT_EQUALS,
                    LESS_THAN,
                    GREATER_THAN,
                    LESS_THAN_OR_EQUAL,
                    GREATER_THAN_OR_EQUAL,
                    IS_NULL,
                    IS_NOT_NULL,
                    IS_TRUE,
                    IS_FALSE,
                    IS_NOT_TRUE,
                    IS_NOT_FALSE,
                    IS_DISTINCT_FROM,
                    IS_NOT_DISTINCT_FROM,
                    LIKE,
                    POSIX_REGEX_CASE_SENSITIVE,
                    POSIX_REGEX_CASE_INSENSITIVE,
                    BETWEEN,
                    IN,
                    NOT_IN,
                    SOME,
                    ALL,
                    EXISTS:
                return PgType.BOOL;
            case CAST:
                return Casts.type((SqlDataTypeSpec) o.get(1));
            case PLUS, MINUS, TIMES, DIVIDE, MOD: {
                PgType a = type(o.get(0), env);
                PgType b = type(o.get(1), env);
                return a == PgType.FLOAT8 || b == PgType.FLOAT8 || a == PgType.NUMERIC || b == PgType.NUMERIC
                        ? PgType.FLOAT8
                        : a == PgType.INT8 || b == PgType.INT8 ? PgType.INT8 : a;
            }
            case MINUS_PREFIX, PLUS_PREFIX:
                return type(o.get(0), env);
            case ITEM: {
                PgType array = type(o.get(0), env);
                return array.element() != null ? array.element() : PgType.TEXT;
            }
            case ARRAY_VALUE_CONSTRUCTOR, ARRAY_QUERY_CONSTRUCTOR: {
                PgType element = call.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR
                        ? (o.isEmpty() ? PgType.TEXT : type(o.get(0), env))
                        : queries.query(o.get(0), env).columns().get(0).type();
                return PgType.ofOid(element.arrayOid()).orElse(PgType.TEXT_ARRAY);
            }
            case COALESCE, NULLIF: {
                for (SqlNode operand : o) {
                    PgType t = type(operand, env);
                    if (t != PgType.UNKNOWN) {
                        return t;
                    }
                }
                return PgType.TEXT;
            }
            case POSITION:
                return PgType.INT4;
            case OVER:
                return PgType.INT8;
            case DOT:
                return PgType.TEXT;
            default:
                break;
        }
        if (Aggregates.isAggregate(call)) {
            return Aggregates.type(call, env, this);
        }
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        switch (name) {
            case "||": {
                PgType a = type(o.get(0), env);
                return a.isArray() ? a : PgType.TEXT;
            }
            case "current_date":
                return PgType.DATE;
            case "current_timestamp", "localtimestamp", "current_time", "localtime":
                return PgType.TIMESTAMPTZ;
            case "char_length", "character_length":
                return PgType.INT4;
            default:
                break;
        }
        List<PgType> types = new ArrayList<>();
        for (SqlNode operand : o) {
            types.add(
                    operand instanceof SqlBasicCall || operand instanceof SqlIdentifier
                            ? type(operand, env)
                            : operand instanceof SqlLiteral l ? type(l, env) : PgType.TEXT);
        }
        return Functions.type(name, types);
    }
}
