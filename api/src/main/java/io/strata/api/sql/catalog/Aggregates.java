package io.strata.api.sql.catalog;

import io.strata.api.sql.PgType;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelectKeyword;

/** The aggregate functions of the local engine: count, sum, min, max, avg, string_agg, array_agg, bool_and/or. */
final class Aggregates {

    private static final Set<String> NAMES =
            Set.of("count", "sum", "min", "max", "avg", "string_agg", "array_agg", "bool_and", "bool_or", "every");

    private Aggregates() {}

    static boolean isAggregate(SqlCall call) {
        return call.getKind() != SqlKind.OVER
                && NAMES.contains(call.getOperator().getName().toLowerCase(Locale.ROOT));
    }

    /** Whether {@code node} aggregates, not counting subqueries (their aggregates are their own). */
    static boolean contains(SqlNode node) {
        if (!(node instanceof SqlCall call) || Interpreter.isQuery(call)) {
            return false;
        }
        if (call.getKind() == SqlKind.OVER) {
            return false;
        }
        if (isAggregate(call)) {
            return true;
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand instanceof org.apache.calcite.sql.SqlNodeList list) {
                for (SqlNode item : list) {
                    if (contains(item)) {
                        return true;
                    }
                }
            } else if (contains(operand)) {
                return true;
            }
        }
        return false;
    }

    static Object eval(SqlCall call, Env env, Expressions expressions) {
        if (env.group == null) {
            throw new SqlException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed here");
        }
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        List<SqlNode> operands = call.getOperandList();
        boolean star = operands.isEmpty() || (operands.get(0) instanceof SqlIdentifier id && id.isStar());
        boolean distinct = call.getFunctionQuantifier() != null
                && call.getFunctionQuantifier().getValue() == SqlSelectKeyword.DISTINCT;
        List<Object> values = new ArrayList<>();
        for (Env row : env.group) {
            values.add(star ? Boolean.TRUE : expressions.eval(operands.get(0), row));
        }
        if (distinct) {
            values = new ArrayList<>(new LinkedHashSet<>(values));
        }
        List<Object> present = values.stream().filter(v -> v != null).toList();
        switch (name) {
            case "count":
                return (long) present.size();
            case "sum": {
                if (present.isEmpty()) {
                    return null;
                }
                boolean integers = present.stream().allMatch(v -> Values.number(v) instanceof Long);
                if (integers) {
                    return present.stream()
                            .mapToLong(v -> Values.number(v).longValue())
                            .sum();
                }
                return present.stream()
                        .mapToDouble(v -> Values.number(v).doubleValue())
                        .sum();
            }
            case "avg":
                return present.isEmpty()
                        ? null
                        : present.stream()
                                .mapToDouble(v -> Values.number(v).doubleValue())
                                .average()
                                .orElse(0);
            case "min", "max": {
                Object best = null;
                for (Object v : present) {
                    if (best == null
                            || (name.equals("min") ? Values.compare(v, best) < 0 : Values.compare(v, best) > 0)) {
                        best = v;
                    }
                }
                return best;
            }
            case "string_agg": {
                if (present.isEmpty()) {
                    return null;
                }
                String separator = Values.text(expressions.eval(operands.get(1), env.group.get(0)));
                List<String> texts = present.stream().map(Values::text).toList();
                return String.join(separator == null ? "" : separator, texts);
            }
            case "array_agg":
                return values.isEmpty() ? null : values;
            case "bool_and", "every":
                return present.isEmpty() ? null : present.stream().allMatch(Values::isTrue);
            default:
                return present.isEmpty() ? null : present.stream().anyMatch(Values::isTrue);
        }
    }

    static PgType type(SqlCall call, Env env, Expressions expressions) {
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "count" -> PgType.INT8;
            case "avg" -> PgType.FLOAT8;
            case "string_agg" -> PgType.TEXT;
            case "bool_and", "bool_or", "every" -> PgType.BOOL;
            case "array_agg" -> PgType.TEXT_ARRAY;
            default -> call.getOperandList().isEmpty()
                    ? PgType.INT8
                    : expressions.type(call.getOperandList().get(0), env.withGroup(List.of(env)));
        };
    }
}
