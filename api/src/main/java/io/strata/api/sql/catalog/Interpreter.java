package io.strata.api.sql.catalog;

import io.strata.api.sql.Dialect;
import io.strata.api.sql.PgType;
import io.strata.api.sql.SqlColumn;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlSetOperator;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;

/**
 * The local engine: evaluates a parsed query over the catalog relations of {@link CatalogData}, held in memory.
 * It reads the SELECTs drivers and tools send — joins (inner, outer, lateral, USING), subqueries anywhere, CTEs,
 * UNION/INTERSECT/EXCEPT, GROUP BY with aggregates, row_number() windows, ORDER BY, LIMIT/OFFSET, DISTINCT —
 * by PostgreSQL's rules, straightforwardly (nested loops: catalogs hold a few hundred rows).
 */
final class Interpreter {

    private final CatalogData data;
    private final Dialect dialect;
    private final Expressions expressions;

    Interpreter(CatalogData data, Dialect dialect, List<Object> parameters) {
        this.data = data;
        this.dialect = dialect;
        this.expressions = new Expressions(this, data, parameters);
    }

    static boolean isQuery(SqlNode node) {
        if (node == null) {
            return false;
        }
        return switch (node.getKind()) {
            case SELECT, ORDER_BY, WITH, UNION, INTERSECT, EXCEPT, VALUES -> true;
            default -> false;
        };
    }

    Relation query(SqlNode node, Env env) {
        switch (node.getKind()) {
            case WITH: {
                SqlWith with = (SqlWith) node;
                Env scope = env;
                for (SqlNode item : with.withList) {
                    SqlWithItem cte = (SqlWithItem) item;
                    Relation relation = renamed(query(cte.query, scope), cte.columnList);
                    scope = scope.withCtes(Map.of(cte.name.getSimple(), relation));
                }
                return query(with.body, scope);
            }
            case ORDER_BY: {
                SqlOrderBy order = (SqlOrderBy) node;
                if (order.query instanceof SqlSelect select) {
                    return select(select, env, order.orderList, order.offset, order.fetch);
                }
                Relation inner = query(order.query, env);
                return ordered(inner, null, order.orderList, order.offset, order.fetch, env);
            }
            case SELECT: {
                SqlSelect select = (SqlSelect) node;
                return select(select, env, select.getOrderList(), select.getOffset(), select.getFetch());
            }
            case UNION, INTERSECT, EXCEPT:
                return setOperation((SqlBasicCall) node, env);
            case VALUES: {
                List<Object[]> rows = new ArrayList<>();
                List<SqlColumn> columns = null;
                for (SqlNode row : ((SqlCall) node).getOperandList()) {
                    List<SqlNode> values = ((SqlCall) row).getOperandList();
                    if (columns == null) {
                        columns = new ArrayList<>();
                        for (int i = 0; i < values.size(); i++) {
                            columns.add(SqlColumn.of("column" + (i + 1), known(expressions.type(values.get(i), env))));
                        }
                    }
                    rows.add(expressions.args(values, env).toArray());
                }
                return new Relation(columns == null ? List.of() : columns, rows);
            }
            default:
                throw Expressions.unsupported(node.getKind().toString());
        }
    }

    private Relation select(SqlSelect select, Env env, SqlNodeList order, SqlNode offset, SqlNode fetch) {
        From from = select.getFrom() == null ? new From(List.of(), List.of(List.of())) : from(select.getFrom(), env);
        Env schema = env.inner(from.shape());
        List<Env> rows = new ArrayList<>();
        for (List<Env.Binding> row : from.rows()) {
            Env e = env.inner(row);
            if (select.getWhere() == null || Values.isTrue(expressions.eval(select.getWhere(), e))) {
                rows.add(e);
            }
        }
        List<SqlNode> items = expandedItems(select.getSelectList(), from.shape());
        boolean grouped = select.getGroup() != null && !select.getGroup().isEmpty()
                || select.getHaving() != null
                || items.stream().anyMatch(Aggregates::contains);
        if (grouped) {
            rows = groups(select, items, rows, schema);
            schema = schema.withGroup(List.of());
        }
        rows = windows(items, rows);
        List<SqlColumn> columns = new ArrayList<>();
        Env typing = rows.isEmpty() ? schema : rows.get(0);
        for (SqlNode item : items) {
            columns.add(SqlColumn.of(label(item), known(expressions.type(unaliased(item), typing))));
        }
        List<Object[]> out = new ArrayList<>();
        List<Env> outEnvs = new ArrayList<>();
        Set<List<Object>> seen = new LinkedHashSet<>();
        boolean distinct = select.getModifierNode(SqlSelectKeyword.DISTINCT) != null;
        for (Env row : rows) {
            Object[] values = new Object[items.size()];
            for (int i = 0; i < items.size(); i++) {
                values[i] = expressions.eval(unaliased(items.get(i)), row);
            }
            if (distinct && !seen.add(keyOf(values))) {
                continue;
            }
            out.add(values);
            outEnvs.add(row);
        }
        return ordered(new Relation(columns, out), outEnvs, order, offset, fetch, env);
    }

    /** The select list with {@code *} and {@code t.*} expanded to the FROM sources' columns. */
    private static List<SqlNode> expandedItems(SqlNodeList list, List<Env.Binding> shape) {
        List<SqlNode> items = new ArrayList<>();
        for (SqlNode item : list) {
            if (item instanceof SqlIdentifier id && id.isStar()) {
                String source = id.names.size() > 1 ? id.names.get(id.names.size() - 2) : null;
                for (Env.Binding binding : shape) {
                    if (source == null || source.equals(binding.alias())) {
                        for (SqlColumn column : binding.columns()) {
                            items.add(
                                    new SqlIdentifier(List.of(binding.alias(), column.name()), id.getParserPosition()));
                        }
                    }
                }
            } else {
                items.add(item);
            }
        }
        return items;
    }

    private List<Env> groups(SqlSelect select, List<SqlNode> items, List<Env> rows, Env schema) {
        List<SqlNode> keys = new ArrayList<>();
        if (select.getGroup() != null) {
            for (SqlNode key : select.getGroup()) {
                keys.add(outputReference(key, items));
            }
        }
        Map<List<Object>, List<Env>> groups = new LinkedHashMap<>();
        for (Env row : rows) {
            List<Object> key = new ArrayList<>();
            for (SqlNode k : keys) {
                key.add(comparable(expressions.eval(k, row)));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        if (groups.isEmpty() && keys.isEmpty()) {
            groups.put(List.of(), List.of());
        }
        List<Env> result = new ArrayList<>();
        for (List<Env> members : groups.values()) {
            Env first = members.isEmpty() ? nullRow(schema) : members.get(0);
            Env group = first.withGroup(members);
            if (select.getHaving() == null || Values.isTrue(expressions.eval(select.getHaving(), group))) {
                result.add(group);
            }
        }
        return result;
    }

    private static Env nullRow(Env schema) {
        return schema;
    }

    /** row_number(), rank(), dense_rank() OVER (PARTITION BY ... ORDER BY ...), computed for every row. */
    private List<Env> windows(List<SqlNode> items, List<Env> rows) {
        List<SqlCall> overs = new ArrayList<>();
        for (SqlNode item : items) {
            collectOvers(unaliased(item), overs);
        }
        if (overs.isEmpty()) {
            return rows;
        }
        List<Map<SqlNode, Object>> values = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            values.add(new IdentityHashMap<>());
        }
        for (SqlCall over : overs) {
            SqlCall function = (SqlCall) over.operand(0);
            String name = function.getOperator().getName().toLowerCase(Locale.ROOT);
            org.apache.calcite.sql.SqlWindow window = (org.apache.calcite.sql.SqlWindow) over.operand(1);
            Map<List<Object>, List<Integer>> partitions = new LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                List<Object> key = new ArrayList<>();
                for (SqlNode p : window.getPartitionList()) {
                    key.add(comparable(expressions.eval(p, rows.get(i))));
                }
                partitions.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
            for (List<Integer> partition : partitions.values()) {
                List<Integer> sorted = new ArrayList<>(partition);
                Comparator<Integer> byOrder = comparator(window.getOrderList(), i -> rows.get(i), null);
                sorted.sort(byOrder);
                long number = 0;
                long rank = 0;
                long dense = 0;
                Integer previous = null;
                for (Integer i : sorted) {
                    number++;
                    if (previous == null || byOrder.compare(previous, i) != 0) {
                        rank = number;
                        dense++;
                    }
                    previous = i;
                    Object value =
                            switch (name) {
                                case "row_number" -> number;
                                case "rank" -> rank;
                                case "dense_rank" -> dense;
                                default -> throw Expressions.unsupported("window function " + name);
                            };
                    values.get(i).put(over, value);
                }
            }
        }
        List<Env> result = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            result.add(rows.get(i).withWindows(values.get(i)));
        }
        return result;
    }

    private static void collectOvers(SqlNode node, List<SqlCall> overs) {
        if (!(node instanceof SqlCall call) || isQuery(call)) {
            return;
        }
        if (call.getKind() == SqlKind.OVER) {
            overs.add(call);
            return;
        }
        for (SqlNode operand : call.getOperandList()) {
            collectOvers(operand, overs);
        }
    }

    private Relation ordered(
            Relation relation, List<Env> envs, SqlNodeList order, SqlNode offset, SqlNode fetch, Env env) {
        List<Object[]> rows = new ArrayList<>(relation.rows());
        if (order != null && !order.isEmpty()) {
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                indexes.add(i);
            }
            indexes.sort(comparator(order, i -> envs == null ? null : envs.get(i), new Output(relation, rows)));
            List<Object[]> sorted = new ArrayList<>(rows.size());
            for (int i : indexes) {
                sorted.add(rows.get(i));
            }
            rows = sorted;
        }
        int skip = offset == null
                ? 0
                : (int) Values.number(expressions.eval(offset, env)).longValue();
        int limit = fetch == null
                ? Integer.MAX_VALUE
                : (int) Values.number(expressions.eval(fetch, env)).longValue();
        if (skip > 0 || limit < rows.size()) {
            int from = Math.min(skip, rows.size());
            rows = rows.subList(from, (int) Math.min((long) from + limit, rows.size()));
        }
        return new Relation(relation.columns(), rows);
    }

    /** The rows of a result, to order by its own columns (by position or name). */
    private record Output(Relation relation, List<Object[]> rows) {}

    private Comparator<Integer> comparator(
            SqlNodeList order, java.util.function.IntFunction<Env> envOf, Output output) {
        Comparator<Integer> all = (a, b) -> 0;
        if (order == null) {
            return all;
        }
        for (SqlNode item : order) {
            boolean descending = false;
            Boolean nullsFirst = null;
            SqlNode key = item;
            while (key.getKind() == SqlKind.DESCENDING
                    || key.getKind() == SqlKind.NULLS_FIRST
                    || key.getKind() == SqlKind.NULLS_LAST) {
                if (key.getKind() == SqlKind.DESCENDING) {
                    descending = true;
                } else {
                    nullsFirst = key.getKind() == SqlKind.NULLS_FIRST;
                }
                key = ((SqlCall) key).operand(0);
            }
            boolean desc = descending;
            boolean firstNulls = nullsFirst != null ? nullsFirst : descending; // PostgreSQL: nulls sort as largest
            SqlNode k = key;
            int column = output == null ? -1 : outputColumn(k, output.relation());
            Comparator<Integer> one = (a, b) -> {
                Object x = column >= 0 ? output.rows().get(a)[column] : expressions.eval(k, envOf.apply(a));
                Object y = column >= 0 ? output.rows().get(b)[column] : expressions.eval(k, envOf.apply(b));
                if (x == null || y == null) {
                    if (x == y) {
                        return 0;
                    }
                    return (x == null) == firstNulls ? -1 : 1;
                }
                int c = Values.compare(x, y);
                return desc ? -c : c;
            };
            all = all.thenComparing(one);
        }
        return all;
    }

    /** The output column an ORDER BY key names ({@code 2}, or an output name), or -1 for an expression. */
    private static int outputColumn(SqlNode key, Relation relation) {
        if (key instanceof SqlLiteral literal && literal.getValue() instanceof java.math.BigDecimal position) {
            int i = position.intValue() - 1;
            if (i < 0 || i >= relation.columns().size()) {
                throw new SqlException(
                        SqlState.INVALID_PARAMETER_VALUE, "ORDER BY position " + (i + 1) + " is not in select list");
            }
            return i;
        }
        if (key instanceof SqlIdentifier id && id.isSimple()) {
            return relation.index(id.getSimple());
        }
        return -1;
    }

    /** A GROUP BY key: a position or an output name refers to the select item. */
    private static SqlNode outputReference(SqlNode key, List<SqlNode> items) {
        if (key instanceof SqlLiteral literal && literal.getValue() instanceof java.math.BigDecimal position) {
            return unaliased(items.get(position.intValue() - 1));
        }
        return key;
    }

    private Relation setOperation(SqlBasicCall call, Env env) {
        Relation left = query(call.operand(0), env);
        Relation right = query(call.operand(1), env);
        boolean all = ((SqlSetOperator) call.getOperator()).isAll();
        List<Object[]> rows = new ArrayList<>();
        Set<List<Object>> rightKeys = new LinkedHashSet<>();
        for (Object[] row : right.rows()) {
            rightKeys.add(keyOf(row));
        }
        Set<List<Object>> seen = new LinkedHashSet<>();
        switch (call.getKind()) {
            case UNION -> {
                for (Object[] row : concat(left.rows(), right.rows())) {
                    if (all || seen.add(keyOf(row))) {
                        rows.add(row);
                    }
                }
            }
            case INTERSECT -> {
                for (Object[] row : left.rows()) {
                    if (rightKeys.contains(keyOf(row)) && (all || seen.add(keyOf(row)))) {
                        rows.add(row);
                    }
                }
            }
            default -> {
                for (Object[] row : left.rows()) {
                    if (!rightKeys.contains(keyOf(row)) && (all || seen.add(keyOf(row)))) {
                        rows.add(row);
                    }
                }
            }
        }
        List<SqlColumn> columns = new ArrayList<>();
        for (int i = 0; i < left.columns().size(); i++) {
            SqlColumn l = left.columns().get(i);
            PgType type = l.type() == PgType.UNKNOWN && i < right.columns().size()
                    ? right.columns().get(i).type()
                    : l.type();
            columns.add(SqlColumn.of(l.name(), known(type)));
        }
        return new Relation(columns, rows);
    }

    private static List<Object[]> concat(List<Object[]> a, List<Object[]> b) {
        List<Object[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The rows of a FROM clause: the sources' shapes (a row of nulls each), and every combination of rows. */
    private record From(List<Env.Binding> shape, List<List<Env.Binding>> rows) {}

    private From from(SqlNode node, Env env) {
        switch (node.getKind()) {
            case IDENTIFIER: {
                SqlIdentifier id = (SqlIdentifier) node;
                return bound(table(id, env), id.names.get(id.names.size() - 1));
            }
            case AS: {
                List<SqlNode> operands = ((SqlCall) node).getOperandList();
                String alias = ((SqlIdentifier) operands.get(1)).getSimple();
                SqlNode source = operands.get(0);
                Relation relation;
                if (source instanceof SqlIdentifier id) {
                    relation = table(id, env);
                } else if (source.getKind() == SqlKind.LATERAL) {
                    relation = query(((SqlCall) source).operand(0), env);
                } else if (isQuery(source)) {
                    relation = query(source, env);
                } else if (source.getKind() == SqlKind.COLLECTION_TABLE || source.getKind() == SqlKind.UNNEST) {
                    relation = TableFunctions.of(source, env, expressions);
                } else {
                    throw Expressions.unsupported("this FROM item");
                }
                if (operands.size() > 2) {
                    relation = renamed(
                            relation, new SqlNodeList(operands.subList(2, operands.size()), node.getParserPosition()));
                }
                return bound(relation, alias);
            }
            case JOIN:
                return join((SqlJoin) node, env);
            case LATERAL:
                return from(((SqlCall) node).operand(0), env);
            case COLLECTION_TABLE, UNNEST:
                return bound(TableFunctions.of(node, env, expressions), TableFunctions.name(node));
            default:
                if (isQuery(node)) {
                    return bound(query(node, env), "subquery");
                }
                throw Expressions.unsupported("this FROM item");
        }
    }

    private static From bound(Relation relation, String alias) {
        Env.Binding shape = new Env.Binding(
                alias, relation.columns(), new Object[relation.columns().size()]);
        List<List<Env.Binding>> rows = new ArrayList<>(relation.rows().size());
        for (Object[] row : relation.rows()) {
            rows.add(List.of(new Env.Binding(alias, relation.columns(), row)));
        }
        return new From(List.of(shape), rows);
    }

    private From join(SqlJoin join, Env env) {
        From left = from(join.getLeft(), env);
        boolean lateral = dependsOnLeft(join.getRight());
        From right = lateral ? null : from(join.getRight(), env);
        List<Env.Binding> rightShape = right != null
                ? right.shape()
                : from(join.getRight(), env.inner(left.shape())).shape();
        List<Env.Binding> shape = concatBindings(left.shape(), rightShape);
        JoinType type = join.getJoinType();
        SqlNode condition = join.getCondition();
        boolean using = join.getConditionType() == JoinConditionType.USING;
        List<List<Env.Binding>> rows = new ArrayList<>();
        Set<Integer> matchedRight = new LinkedHashSet<>();
        for (List<Env.Binding> l : left.rows()) {
            From r = lateral ? from(join.getRight(), env.inner(l)) : right;
            boolean matched = false;
            for (int j = 0; j < r.rows().size(); j++) {
                List<Env.Binding> combined = concatBindings(l, r.rows().get(j));
                boolean ok = condition == null
                        || (using
                                ? usingMatches(
                                        (SqlNodeList) condition, l, r.rows().get(j))
                                : Values.isTrue(expressions.eval(condition, env.inner(combined))));
                if (ok) {
                    rows.add(combined);
                    matched = true;
                    matchedRight.add(j);
                }
            }
            if (!matched && (type == JoinType.LEFT || type == JoinType.FULL)) {
                rows.add(concatBindings(l, rightShape));
            }
        }
        if ((type == JoinType.RIGHT || type == JoinType.FULL) && right != null) {
            for (int j = 0; j < right.rows().size(); j++) {
                if (!matchedRight.contains(j)) {
                    rows.add(concatBindings(left.shape(), right.rows().get(j)));
                }
            }
        }
        return new From(shape, rows);
    }

    private boolean usingMatches(SqlNodeList columns, List<Env.Binding> left, List<Env.Binding> right) {
        for (SqlNode column : columns) {
            List<String> name = List.of(((SqlIdentifier) column).getSimple());
            Object a = Env.EMPTY.inner(left).resolve(name).value();
            Object b = Env.EMPTY.inner(right).resolve(name).value();
            if (!Boolean.TRUE.equals(Values.equal(a, b))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a right-hand FROM item reads the left one's columns: LATERAL, or a function call (implicitly). */
    private static boolean dependsOnLeft(SqlNode node) {
        SqlNode source = node.getKind() == SqlKind.AS ? ((SqlCall) node).operand(0) : node;
        return source.getKind() == SqlKind.LATERAL
                || source.getKind() == SqlKind.COLLECTION_TABLE
                || source.getKind() == SqlKind.UNNEST;
    }

    private static List<Env.Binding> concatBindings(List<Env.Binding> a, List<Env.Binding> b) {
        List<Env.Binding> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    /** A catalog relation (or a CTE) by name. */
    private Relation table(SqlIdentifier id, Env env) {
        List<String> names = id.names;
        if (names.size() == 1 && env.cte(names.get(0)) != null) {
            return env.cte(names.get(0));
        }
        String key = LocalEngine.relationKey(dialect, names);
        if (key == null) {
            throw new SqlException(
                    SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", names) + "\" does not exist");
        }
        return data.relation(key);
    }

    private static Relation renamed(Relation relation, SqlNodeList names) {
        if (names == null || names.isEmpty()) {
            return relation;
        }
        List<SqlColumn> columns = new ArrayList<>(relation.columns());
        for (int i = 0; i < names.size() && i < columns.size(); i++) {
            SqlColumn c = columns.get(i);
            columns.set(i, SqlColumn.of(((SqlIdentifier) names.get(i)).getSimple(), c.type()));
        }
        return new Relation(columns, relation.rows());
    }

    static SqlNode unaliased(SqlNode item) {
        return item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
    }

    /** A select item's column name, as PostgreSQL gives it. */
    static String label(SqlNode item) {
        if (item.getKind() == SqlKind.AS) {
            return ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple();
        }
        if (item instanceof SqlIdentifier id) {
            return id.names.get(id.names.size() - 1);
        }
        if (item instanceof SqlCall call) {
            if (call.getKind() == SqlKind.CAST) {
                String inner = label(call.operand(0));
                return inner.equals("?column?")
                        ? Casts.name((org.apache.calcite.sql.SqlDataTypeSpec) call.operand(1))
                        : inner;
            }
            if (call.getKind() == SqlKind.OVER) {
                return label(call.operand(0));
            }
            if (call.getKind() == SqlKind.CASE) {
                return "case";
            }
            if (call.getKind() == SqlKind.ARRAY_QUERY_CONSTRUCTOR
                    || call.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR) {
                return "array";
            }
            if (call.getOperator() instanceof org.apache.calcite.sql.SqlFunction || Aggregates.isAggregate(call)) {
                return call.getOperator().getName().toLowerCase(Locale.ROOT);
            }
        }
        return "?column?";
    }

    private static PgType known(PgType type) {
        return type == PgType.UNKNOWN ? PgType.TEXT : type;
    }

    /** A value usable as a key: equal values give equal keys (numbers of either width, regclass by oid). */
    private static Object comparable(Object value) {
        if (value instanceof Values.Reg reg) {
            return reg.oid();
        }
        if (value instanceof Number n && !(n instanceof Double)) {
            return n.longValue();
        }
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        return value;
    }

    private static List<Object> keyOf(Object[] values) {
        List<Object> key = new ArrayList<>(values.length);
        for (Object v : values) {
            key.add(comparable(v));
        }
        return Collections.unmodifiableList(key);
    }
}
