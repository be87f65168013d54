package io.strata.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.ingestion.StrataException;
import org.junit.jupiter.api.Test;

/** Validation of measure definitions against a dataset, before anything is stored. */
class MeasuresTest {

    @Test
    void acceptsAFormulaOverColumnsAndOtherMeasures() {
        DatasetModel model = Models.sales(false, "revenue_sum", "SUM(revenue)");
        assertThat(Measures.validate(model, "margin", "revenue_sum / NULLIF(SUM(cost), 0)")
                        .toString())
                .isEqualTo("(revenue_sum / NULLIF(SUM(cost), 0))");
        assertThat(Measures.validate(model, "customers", "COUNT_DISTINCT(country)")
                        .toString())
                .isEqualTo("COUNT_DISTINCT(country)");
    }

    @Test
    void refusesUnknownColumnsAndMeasuresNamingTheValidOnes() {
        DatasetModel model = Models.sales(false);
        assertThatThrownBy(() -> Measures.validate(model, "m", "SUM(price)"))
                .isInstanceOf(StrataException.InvalidInput.class)
                .hasMessageContaining("no column 'price'");
        assertThatThrownBy(() -> Measures.validate(model, "m", "profit * 2"))
                .hasMessageContaining("no measure named 'profit'")
                .hasMessageContaining("[count, quantity, revenue, cost");
    }

    @Test
    void refusesCycles() {
        DatasetModel model = Models.sales(false, "a", "SUM(revenue) + b", "b", "SUM(cost)");
        assertThatThrownBy(() -> Measures.validate(model, "b", "a * 2")).hasMessageContaining("refers to itself");
        assertThatThrownBy(() -> Measures.validate(model, "c", "c + 1")).hasMessageContaining("refers to itself");
    }

    @Test
    void refusesNamesTakenByDefaultsColumnsOrKeywordsAndFormulasWithoutAggregate() {
        DatasetModel model = Models.sales(false);
        assertThatThrownBy(() -> Measures.validate(model, "quantity", "SUM(cost)"))
                .hasMessageContaining("default measure");
        assertThatThrownBy(() -> Measures.validate(model, "country", "SUM(cost)"))
                .hasMessageContaining("is a column");
        assertThatThrownBy(() -> Measures.validate(model, "sum", "SUM(cost)"))
                .hasMessageContaining("not a measure name");
        assertThatThrownBy(() -> Measures.validate(model, "two", "1 + 1")).hasMessageContaining("aggregates nothing");
        assertThatThrownBy(() -> Measures.validate(model, "x", "SUM(cost"))
                .isInstanceOfSatisfying(StrataException.InvalidInput.class, e -> assertThat(e.details())
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                        .containsEntry("position", 8));
    }
}
