package io.strata.api.sql;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Finds every table a query reads — in FROM and JOIN, in subqueries wherever they are (IN, EXISTS, scalar
 * subqueries, function arguments, lateral joins), in CTEs and set operations, and in {@code TABLE t} — and lets
 * {@link Tables} replace each. Names a CTE defines are not tables where the CTE is in scope. A FROM item of any
 * other kind (table functions aside, which {@link Tables} decides on) is refused, so nothing reads data unseen.
 *
 * <p>The tree is changed in place where Calcite allows it; the query returned is the one to use.
 */
final class FromItems {

    /** What to do with each table reference. */
    interface Tables {
        /**
         * The FROM item to read instead of table {@code name}.
         *
         * @param aliased whether the reference has its own alias ({@code sales AS s}); if not, the replacement must
         *     carry one so that {@code sales.column} still resolves
         */
        SqlNode table(SqlIdentifier name, boolean aliased);

        /** {@code TABLE(f(...))} in FROM: returned unchanged when allowed; else an error. */
        SqlNode tableFunction(SqlCall call);
    }

    private static final Set<SqlKind> QUERIES = Set.of(
            SqlKind.SELECT,
            SqlKind.ORDER_BY,
            SqlKind.WITH,
            SqlKind.UNION,
            SqlKind.INTERSECT,
            SqlKind.EXCEPT,
            SqlKind.VALUES,
            SqlKind.EXPLICIT_TABLE);

    private final Tables tables;
    private final Deque<Set<String>> ctes = new ArrayDeque<>();

    private FromItems(Tables tables) {
        this.tables = tables;
    }

    /** {@code query} with every table reference replaced as {@code tables} decides. */
    static SqlNode rewrite(SqlNode query, Tables tables) {
        return new FromItems(tables).query(query);
    }

    static boolean isQuery(SqlNode node) {
        return node != null && QUERIES.contains(node.getKind());
    }

    private SqlNode query(SqlNode node) {
        switch (node.getKind()) {
            case WITH -> {
                SqlWith with = (SqlWith) node;
                Set<String> names = new HashSet<>();
                ctes.push(names);
                try {
                    for (SqlNode item : with.withList) {
                        SqlWithItem withItem = (SqlWithItem) item;
                        if (withItem.recursive.booleanValue()) {
                            throw SqlException.notSupported(
                                    "WITH RECURSIVE is not supported", "Druid SQL has no recursive queries");
                        }
                        withItem.query = query(withItem.query);
                        names.add(withItem.name.getSimple());
                    }
                    with.setOperand(1, query(with.body));
                } finally {
                    ctes.pop();
                }
                return with;
            }
            case ORDER_BY -> {
                SqlOrderBy order = (SqlOrderBy) node;
                SqlNode inner = query(order.query);
                expressions(order.orderList);
                expression(order.offset);
                expression(order.fetch);
                return inner == order.query
                        ? order
                        : new SqlOrderBy(order.getParserPosition(), inner, order.orderList, order.offset, order.fetch);
            }
            case SELECT -> {
                SqlSelect select = (SqlSelect) node;
                if (select.getFrom() != null) {
                    select.setFrom(from(select.getFrom()));
                }
                expression(select.getWhere());
                expressions(select.getSelectList());
                expressions(select.getGroup());
                expression(select.getHaving());
                expression(select.getQualify());
                expressions(select.getWindowList());
                expressions(select.getOrderList());
                expression(select.getOffset());
                expression(select.getFetch());
                return select;
            }
            case UNION, INTERSECT, EXCEPT -> {
                SqlBasicCall set = (SqlBasicCall) node;
                for (int i = 0; i < set.operandCount(); i++) {
                    set.setOperand(i, query(set.operand(i)));
                }
                return set;
            }
            case VALUES -> {
                expression(node);
                return node;
            }
            case EXPLICIT_TABLE -> {
                // TABLE t  is  SELECT * FROM t
                SqlNode table = ((SqlCall) node).getOperandList().get(0);
                SqlNode from = from(table);
                return new SqlSelect(
                        node.getParserPosition(),
                        null,
                        SqlNodeList.SINGLETON_STAR,
                        from,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
            }
            default -> throw SqlException.syntax(
                    "a " + node.getKind().toString().toLowerCase(Locale.ROOT) + " is not a query", 0);
        }
    }

    private SqlNode from(SqlNode node) {
        switch (node.getKind()) {
            case IDENTIFIER -> {
                SqlIdentifier name = (SqlIdentifier) node;
                return isCte(name) ? name : tables.table(name, false);
            }
            case AS -> {
                SqlCall as = (SqlCall) node;
                SqlNode source = as.operand(0);
                if (source instanceof SqlIdentifier name) {
                    if (!isCte(name)) {
                        as.setOperand(0, tables.table(name, true));
                    }
                } else {
                    as.setOperand(0, from(source));
                }
                return as;
            }
            case JOIN -> {
                SqlJoin join = (SqlJoin) node;
                join.setLeft(from(join.getLeft()));
                join.setRight(from(join.getRight()));
                expression(join.getCondition());
                return join;
            }
            case LATERAL -> {
                SqlCall lateral = (SqlCall) node;
                lateral.setOperand(0, from(lateral.operand(0)));
                return lateral;
            }
            case UNNEST -> {
                expression(node);
                return node;
            }
            case COLLECTION_TABLE -> {
                return tables.tableFunction((SqlCall) node);
            }
            default -> {
                if (isQuery(node)) {
                    return query(node);
                }
                throw SqlException.notSupported(
                        "this kind of FROM item is not supported: "
                                + node.getKind().toString().toLowerCase(Locale.ROOT),
                        "read tables, subqueries, joins and UNNEST");
            }
        }
    }

    /** Visits an expression for the subqueries in it (each is rewritten in place, or replaced in its parent). */
    private void expression(SqlNode node) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlNodeList list) {
            expressions(list);
            return;
        }
        if (!(node instanceof SqlCall call)) {
            return;
        }
        if (call instanceof SqlSelect || call.getKind() == SqlKind.WITH || call.getKind() == SqlKind.ORDER_BY) {
            SqlNode rewritten = query(call);
            if (rewritten != call) {
                throw SqlException.notSupported(
                        "TABLE t under ORDER BY is not supported here", "write SELECT * FROM t");
            }
            return;
        }
        List<SqlNode> operands = call.getOperandList();
        for (int i = 0; i < operands.size(); i++) {
            SqlNode operand = operands.get(i);
            if (operand == null) {
                continue;
            }
            if (isQuery(operand)) {
                SqlNode rewritten = query(operand);
                if (rewritten != operand) {
                    call.setOperand(i, rewritten);
                }
            } else {
                expression(operand);
            }
        }
    }

    private void expressions(SqlNodeList list) {
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            SqlNode item = list.get(i);
            if (item != null && isQuery(item)) {
                list.set(i, query(item));
            } else {
                expression(item);
            }
        }
    }

    private boolean isCte(SqlIdentifier name) {
        if (!name.isSimple()) {
            return false;
        }
        for (Set<String> scope : ctes) {
            if (scope.contains(name.getSimple())) {
                return true;
            }
        }
        return false;
    }

    /** {@code source AS alias}. */
    static SqlNode as(SqlNode source, String alias) {
        return SqlStdOperatorTable.AS.createCall(
                SqlParserPos.ZERO, source, new SqlIdentifier(alias, SqlParserPos.ZERO));
    }
}
