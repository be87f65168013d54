package io.strata.api.analytics;

import io.strata.api.analytics.expression.Expression;
import java.util.Objects;

/**
 * A named measure of a dataset.
 *
 * @param expression the formula; for a default measure, its aggregate
 * @param builtIn true for the defaults every dataset has (count, the sum of each metric), false for user-defined
 */
public record MeasureDefinition(String name, Expression expression, boolean builtIn) {

    public MeasureDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
    }

    /** The canonical text of the formula. */
    public String expressionText() {
        return expression.toString();
    }
}
