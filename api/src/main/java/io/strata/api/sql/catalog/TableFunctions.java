package io.strata.api.sql.catalog;

import io.strata.api.sql.PgType;
import io.strata.api.sql.SqlColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/** PostgreSQL's set-returning functions catalog queries read from: generate_series, unnest, generate_subscripts. */
final class TableFunctions {

    private TableFunctions() {}

    /** The column name a function's result has when it is not given one ({@code generate_series}). */
    static String name(SqlNode node) {
        if (node.getKind() == SqlKind.UNNEST) {
            return "unnest";
        }
        SqlCall function = (SqlCall) ((SqlCall) node).operand(0);
        return function.getOperator().getName().toLowerCase(Locale.ROOT);
    }

    static Relation of(SqlNode node, Env env, Expressions expressions) {
        String name = name(node);
        List<SqlNode> operands = node.getKind() == SqlKind.UNNEST
                ? ((SqlCall) node).getOperandList()
                : ((SqlCall) ((SqlCall) node).operand(0)).getOperandList();
        List<Object> args = expressions.args(operands, env);
        List<Object[]> rows = new ArrayList<>();
        switch (name) {
            case "generate_series": {
                if (args.get(0) == null || args.get(1) == null) {
                    return new Relation(List.of(SqlColumn.of(name, PgType.INT8)), rows);
                }
                long from = Values.number(args.get(0)).longValue();
                long to = Values.number(args.get(1)).longValue();
                long step = args.size() > 2 ? Values.number(args.get(2)).longValue() : 1;
                if (step == 0) {
                    throw Expressions.unsupported("a step of 0");
                }
                for (long i = from; step > 0 ? i <= to : i >= to; i += step) {
                    rows.add(new Object[] {i});
                    if (rows.size() > 100_000) {
                        throw Expressions.unsupported("generate_series of more than 100000 values");
                    }
                }
                return new Relation(List.of(SqlColumn.of(name, PgType.INT8)), rows);
            }
            case "unnest": {
                Object array = args.isEmpty() ? null : args.get(0);
                if (array != null) {
                    for (Object e : list(array)) {
                        rows.add(new Object[] {e});
                    }
                }
                return new Relation(List.of(SqlColumn.of(name, PgType.TEXT)), rows);
            }
            case "generate_subscripts": {
                Object array = args.isEmpty() ? null : args.get(0);
                if (array != null) {
                    for (int i = 1; i <= list(array).size(); i++) {
                        rows.add(new Object[] {(long) i});
                    }
                }
                return new Relation(List.of(SqlColumn.of(name, PgType.INT4)), rows);
            }
            case "_pg_expandarray": {
                Object array = args.isEmpty() ? null : args.get(0);
                if (array != null) {
                    List<?> values = list(array);
                    for (int i = 0; i < values.size(); i++) {
                        Map<String, Object> record = new LinkedHashMap<>();
                        record.put("x", values.get(i));
                        record.put("n", (long) i + 1);
                        rows.add(new Object[] {values.get(i), (long) i + 1});
                    }
                }
                return new Relation(List.of(SqlColumn.of("x", PgType.TEXT), SqlColumn.of("n", PgType.INT4)), rows);
            }
            default:
                throw Expressions.unsupported("function " + name + " in FROM");
        }
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : Values.array(Values.text(value));
    }
}
