package io.strata.api.analytics.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.api.analytics.expression.Expression.Aggregation;
import io.strata.api.analytics.expression.Expression.Arithmetic;
import io.strata.api.analytics.expression.Expression.Literal;
import io.strata.api.analytics.expression.Expression.MeasureReference;
import io.strata.api.analytics.expression.Expression.Negation;
import io.strata.api.analytics.expression.Expression.NullIf;
import io.strata.api.analytics.expression.Expression.Operator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MeasureExpressionsTest {

    @Test
    void parsesAnAggregateOfAColumn() {
        assertThat(MeasureExpressions.parse("SUM(sales)")).isEqualTo(new Aggregation(Aggregate.SUM, "sales"));
    }

    @Test
    void keywordsAreCaseInsensitiveAndCountTakesAStarOrNothing() {
        assertThat(MeasureExpressions.parse("count(*)")).isEqualTo(new Aggregation(Aggregate.COUNT, null));
        assertThat(MeasureExpressions.parse("Count()")).isEqualTo(new Aggregation(Aggregate.COUNT, null));
        assertThat(MeasureExpressions.parse("count_distinct(customer)"))
                .isEqualTo(new Aggregation(Aggregate.COUNT_DISTINCT, "customer"));
    }

    @Test
    void multiplicationBindsTighterThanAdditionAndOperatorsAssociateLeft() {
        assertThat(MeasureExpressions.parse("a + b * 2 - c"))
                .isEqualTo(new Arithmetic(
                        Operator.MINUS,
                        new Arithmetic(
                                Operator.PLUS,
                                new MeasureReference("a"),
                                new Arithmetic(Operator.TIMES, new MeasureReference("b"), new Literal(2))),
                        new MeasureReference("c")));
        assertThat(MeasureExpressions.parse("a / b / c"))
                .isEqualTo(new Arithmetic(
                        Operator.DIVIDE,
                        new Arithmetic(Operator.DIVIDE, new MeasureReference("a"), new MeasureReference("b")),
                        new MeasureReference("c")));
    }

    @Test
    void parsesTheMarginExampleWithNullIfAndParentheses() {
        Expression margin = MeasureExpressions.parse("revenue / NULLIF(SUM(cost), 0)");
        assertThat(margin)
                .isEqualTo(new Arithmetic(
                        Operator.DIVIDE,
                        new MeasureReference("revenue"),
                        new NullIf(new Aggregation(Aggregate.SUM, "cost"), new Literal(0))));
        assertThat(margin.references()).containsExactly("revenue");
        assertThat(margin.aggregations()).containsExactly(new Aggregation(Aggregate.SUM, "cost"));
    }

    @Test
    void unaryMinusNumbersAndQuotedNames() {
        assertThat(MeasureExpressions.parse("-(SUM(\"unit price\") * 1.5e2)"))
                .isEqualTo(new Negation(new Arithmetic(
                        Operator.TIMES, new Aggregation(Aggregate.SUM, "unit price"), new Literal(150))));
        assertThat(MeasureExpressions.parse("\"say \"\"hi\"\"\"")).isEqualTo(new MeasureReference("say \"hi\""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SUM(sales)",
                "revenue / NULLIF(SUM(cost), 0)",
                "-(a + 2.5) * COUNT(*)",
                "APPROX_COUNT_DISTINCT(\"user id\") - 1",
                "\"sum\" + 0.001"
            })
    void theCanonicalTextParsesBackToTheSameTree(String text) {
        Expression parsed = MeasureExpressions.parse(text);
        assertThat(MeasureExpressions.parse(parsed.toString())).isEqualTo(parsed);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SUM(sales|expected ')' but the expression ended",
                "SUM(*)|SUM(*) is not allowed",
                "LOWER(name)|unknown function 'LOWER'",
                "SUM(a) +|but the expression ended",
                "SUM(a) SUM(b)|unexpected 'S' (at character 8)",
                "SUM(a) ; DROP TABLE x|unexpected ';'",
                "SUM(a) > 1|unexpected '>'",
                "SUM(1)|SUM takes a column name",
                "\"open|the quoted name is not closed",
                "NULLIF(a)|expected ','"
            })
    void refusesWhatTheGrammarDoesNotAllowAndSaysWhere(String text, String message) {
        assertThatThrownBy(() -> MeasureExpressions.parse(text))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesEmptyAndOverlyDeepExpressions() {
        assertThatThrownBy(() -> MeasureExpressions.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> MeasureExpressions.parse("(".repeat(40) + "a" + ")".repeat(40)))
                .hasMessageContaining("nests deeper");
    }
}
