package io.strata.api.analytics;

import io.strata.api.analytics.expression.Expression;
import io.strata.api.analytics.expression.Expression.Aggregation;
import io.strata.api.analytics.expression.Expression.Arithmetic;
import io.strata.api.analytics.expression.Expression.Literal;
import io.strata.api.analytics.expression.Expression.MeasureReference;
import io.strata.api.analytics.expression.Expression.Negation;
import io.strata.api.analytics.expression.Expression.NullIf;
import io.strata.api.analytics.expression.Expression.Operator;
import io.strata.ingestion.StrataException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes a measure's formula as Druid SQL: columns checked against the dataset and quoted, numbers bound,
 * references to other measures expanded in place. Division is in floating point (a ratio of two counts is not
 * an integer division).
 *
 * <p>On a rolled-up dataset each stored row stands for several input rows, so COUNT sums the count metric and AVG
 * divides by it: the numbers are those of the input rows.
 */
final class MeasureSql {

    private final SqlQuery sql;
    private final DatasetModel model;
    private final String field;
    private final Deque<String> expanding = new ArrayDeque<>();

    private MeasureSql(SqlQuery sql, DatasetModel model, String field) {
        this.sql = sql;
        this.model = model;
        this.field = field;
    }

    /** Appends the formula; BAD_REQUEST naming {@code field} for an unknown column or measure, or a cycle. */
    static void append(SqlQuery sql, DatasetModel model, Expression expression, String field) {
        new MeasureSql(sql, model, field).render(expression);
    }

    private void render(Expression e) {
        if (e instanceof Aggregation a) {
            aggregation(a);
        } else if (e instanceof Literal l) {
            sql.bind(l.value());
        } else if (e instanceof Arithmetic a) {
            sql.append("(");
            if (a.operator() == Operator.DIVIDE) {
                sql.append("CAST(");
                render(a.left());
                sql.append(" AS DOUBLE) / ");
            } else {
                render(a.left());
                sql.append(
                        switch (a.operator()) {
                            case PLUS -> " + ";
                            case MINUS -> " - ";
                            default -> " * ";
                        });
            }
            render(a.right());
            sql.append(")");
        } else if (e instanceof Negation n) {
            sql.append("(-");
            render(n.operand());
            sql.append(")");
        } else if (e instanceof NullIf n) {
            sql.append("NULLIF(");
            render(n.value());
            sql.append(", ");
            render(n.whenEqual());
            sql.append(")");
        } else if (e instanceof MeasureReference r) {
            reference(r.name());
        }
    }

    private void reference(String name) {
        if (expanding.contains(name)) {
            throw new StrataException.InvalidInput(
                    field + ": measure '" + name + "' refers to itself through " + String.join(" -> ", expanding));
        }
        Expression definition = model.measure(name)
                .orElseThrow(() -> new StrataException.InvalidInput(
                        field + ": dataset '" + model.name() + "' has no measure named '" + name
                                + "'; its measures are " + model.measureNames(),
                        java.util.Map.of("field", field, "validMeasures", model.measureNames())));
        expanding.addLast(name);
        sql.append("(");
        render(definition);
        sql.append(")");
        expanding.removeLast();
    }

    private void aggregation(Aggregation a) {
        DatasetView view = model.view();
        String countColumn = view.dataset().rollup() ? view.dataset().countColumn() : null;
        String columnField = field + ".column";
        switch (a.aggregate()) {
            case COUNT -> {
                if (a.column() != null) {
                    sql.append("COUNT(")
                            .identifier(Columns.require(view, a.column(), columnField))
                            .append(")");
                } else if (countColumn != null) {
                    sql.append("SUM(").identifier(countColumn).append(")");
                } else {
                    sql.append("COUNT(*)");
                }
            }
            case SUM, MIN, MAX -> sql.append(a.aggregate().name() + "(")
                    .identifier(Columns.requireNumeric(view, a.column(), columnField)
                            .name())
                    .append(")");
            case AVG -> {
                String column =
                        Columns.requireNumeric(view, a.column(), columnField).name();
                if (countColumn != null) {
                    sql.append("(CAST(SUM(")
                            .identifier(column)
                            .append(") AS DOUBLE) / NULLIF(SUM(")
                            .identifier(countColumn)
                            .append("), 0))");
                } else {
                    sql.append("AVG(CAST(").identifier(column).append(" AS DOUBLE))");
                }
            }
            case COUNT_DISTINCT -> sql.append("COUNT(DISTINCT ")
                    .identifier(Columns.require(view, a.column(), columnField))
                    .append(")");
            case APPROX_COUNT_DISTINCT -> sql.append("APPROX_COUNT_DISTINCT(")
                    .identifier(Columns.require(view, a.column(), columnField))
                    .append(")");
        }
    }
}
