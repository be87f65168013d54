package io.strata.api.analytics.expression;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A measure's formula as a tree: aggregates of columns, references to other measures, numbers, arithmetic and
 * {@code NULLIF}. Made by {@link MeasureExpressions#parse}; rendered to SQL by the query layer, never pasted.
 * {@link #toString()} writes the canonical text, which parses back to an equal tree.
 */
public sealed interface Expression {

    /** {@code SUM(sales)}, {@code COUNT(*)} (column null). */
    record Aggregation(Aggregate aggregate, String column) implements Expression {
        public Aggregation {
            Objects.requireNonNull(aggregate, "aggregate");
            if (column == null && aggregate != Aggregate.COUNT) {
                throw new IllegalArgumentException(aggregate + " needs a column");
            }
        }

        @Override
        public String toString() {
            return aggregate + "(" + (column == null ? "*" : MeasureExpressions.identifier(column)) + ")";
        }
    }

    /** Another measure of the same dataset, by name. */
    record MeasureReference(String name) implements Expression {
        public MeasureReference {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return MeasureExpressions.identifier(name);
        }
    }

    record Literal(double value) implements Expression {
        public Literal {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("number must be finite: " + value);
            }
        }

        @Override
        public String toString() {
            return value == Math.rint(value) && Math.abs(value) < 1e15
                    ? Long.toString((long) value)
                    : Double.toString(value).toLowerCase(Locale.ROOT);
        }
    }

    enum Operator {
        PLUS("+"),
        MINUS("-"),
        TIMES("*"),
        DIVIDE("/");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }
    }

    record Arithmetic(Operator operator, Expression left, Expression right) implements Expression {
        public Arithmetic {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString() {
            return "(" + left + " " + operator.symbol + " " + right + ")";
        }
    }

    record Negation(Expression operand) implements Expression {
        public Negation {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public String toString() {
            return "-" + operand;
        }
    }

    /** {@code NULLIF(value, whenEqual)}: null when both are equal (the usual guard against division by zero). */
    record NullIf(Expression value, Expression whenEqual) implements Expression {
        public NullIf {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(whenEqual, "whenEqual");
        }

        @Override
        public String toString() {
            return "NULLIF(" + value + ", " + whenEqual + ")";
        }
    }

    /** The names of the measures this expression refers to directly. */
    default Set<String> references() {
        Set<String> names = new TreeSet<>();
        visit(this, names, null);
        return names;
    }

    /** The aggregations this expression contains directly (not through references). */
    default java.util.List<Aggregation> aggregations() {
        java.util.List<Aggregation> found = new java.util.ArrayList<>();
        visit(this, null, found);
        return found;
    }

    private static void visit(Expression e, Set<String> references, java.util.List<Aggregation> aggregations) {
        if (e instanceof MeasureReference r && references != null) {
            references.add(r.name());
        } else if (e instanceof Aggregation a && aggregations != null) {
            aggregations.add(a);
        } else if (e instanceof Arithmetic a) {
            visit(a.left(), references, aggregations);
            visit(a.right(), references, aggregations);
        } else if (e instanceof Negation n) {
            visit(n.operand(), references, aggregations);
        } else if (e instanceof NullIf n) {
            visit(n.value(), references, aggregations);
            visit(n.whenEqual(), references, aggregations);
        }
    }
}
