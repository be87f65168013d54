package io.strata.api.analytics;

import static io.strata.api.analytics.Models.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.api.analytics.OrderBy.SortDirection;
import io.strata.api.analytics.expression.Aggregate;
import io.strata.ingestion.StrataException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL each query renders: names checked and quoted, every client value a bound parameter. */
class AnalyticsSqlTest {

    static final Interval MARCH =
            new Interval(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"));

    @Test
    void kpisBindEveryFilterValueAndQuoteEveryName() {
        DatasetModel model = Models.sales(false);
        Filter filter = new Filter(
                List.of(
                        eq("country", "FR' OR 1=1 --"),
                        new Filter(null, null, null, "quantity", null, null, 2.0, null, null, null, null, null)),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        SqlQuery sql = Kpis.sql(
                model,
                Kpis.resolve(
                        model, List.of(new Measure("count", null, null), new Measure(null, "revenue", Aggregate.SUM))),
                filter,
                MARCH);

        assertThat(sql.text())
                .isEqualTo(
                        "SELECT COUNT(*) AS \"m0\", SUM(\"revenue\") AS \"m1\", COUNT(*) AS \"n\" FROM \"sales\" WHERE __time >= "
                                + "MILLIS_TO_TIMESTAMP(CAST(? AS BIGINT)) AND __time < MILLIS_TO_TIMESTAMP(CAST(? AS BIGINT)) AND ((\"country\" = CAST(? AS VARCHAR)) AND "
                                + "(\"quantity\" > CAST(? AS DOUBLE)))");
        assertThat(sql.parameters())
                .containsExactly(MARCH.start().toEpochMilli(), MARCH.end().toEpochMilli(), "FR' OR 1=1 --", 2.0);
    }

    @Test
    void onARolledUpDatasetCountSumsTheCountMetricAndAverageDividesByIt() {
        DatasetModel model = Models.sales(true);
        SqlQuery sql = Kpis.sql(
                model,
                Kpis.resolve(
                        model, List.of(new Measure("count", null, null), new Measure(null, "quantity", Aggregate.AVG))),
                null,
                null);
        assertThat(sql.text())
                .isEqualTo(
                        "SELECT SUM(\"count\") AS \"m0\", (CAST(SUM(\"quantity\") AS DOUBLE) / NULLIF(SUM(\"count\"), 0))"
                                + " AS \"m1\", COUNT(*) AS \"n\" FROM \"sales\"");
    }

    @Test
    void namedMeasuresExpandInPlaceWithNumbersBoundAndFloatingPointDivision() {
        DatasetModel model = Models.sales(false, "margin", "revenue / NULLIF(SUM(cost), 0)", "pct", "margin * 100");
        SqlQuery sql = Kpis.sql(model, Kpis.resolve(model, List.of(new Measure("pct", null, null))), null, null);
        assertThat(sql.text())
                .isEqualTo(
                        "SELECT (((CAST((SUM(\"revenue\")) AS DOUBLE) / NULLIF(SUM(\"cost\"), CAST(? AS DOUBLE)))) * CAST(? AS DOUBLE)) AS \"m0\""
                                + ", COUNT(*) AS \"n\" FROM \"sales\"");
        assertThat(sql.parameters()).containsExactly(0.0, 100.0);
    }

    @Test
    void anUnknownColumnIsABadRequestListingTheValidColumns() {
        DatasetModel model = Models.sales(false);
        assertThatThrownBy(() -> Kpis.sql(
                        model, Kpis.resolve(model, List.of(new Measure(null, "nope", Aggregate.SUM))), null, null))
                .isInstanceOfSatisfying(StrataException.InvalidInput.class, e -> {
                    assertThat(e.getMessage()).contains("measures[0].column", "'nope'");
                    assertThat(e.details())
                            .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                            .containsEntry(
                                    "validColumns",
                                    List.of("__time", "country", "device", "count", "quantity", "revenue", "cost"));
                });
    }

    @Test
    void aSumOfATextColumnIsRefused() {
        DatasetModel model = Models.sales(false);
        assertThatThrownBy(() -> Kpis.sql(
                        model, Kpis.resolve(model, List.of(new Measure(null, "country", Aggregate.SUM))), null, null))
                .hasMessageContaining("not numeric");
    }

    @Test
    void timeseriesBindsPeriodAndTimeZoneIntoTimeFloor() {
        DatasetModel model = Models.sales(false);
        TimeseriesQuery query = new TimeseriesQuery(
                "sales",
                List.of(new Measure("quantity", null, null)),
                Granularity.WEEK,
                null,
                MARCH,
                "Europe/Paris",
                "country",
                null);
        SqlQuery sql = Timeseries.bucketSql(
                model,
                query,
                Kpis.resolve(model, query.measures()),
                "country",
                java.util.Arrays.asList("FR", null),
                1000);
        assertThat(sql.text())
                .isEqualTo(
                        "SELECT TIMESTAMP_TO_MILLIS(TIME_FLOOR(\"__time\", CAST(? AS VARCHAR), NULL, CAST(? AS VARCHAR))) AS \"t\", \"country\" AS \"s\", "
                                + "SUM(\"quantity\") AS \"m0\" FROM \"sales\" WHERE __time >= MILLIS_TO_TIMESTAMP(CAST(? AS BIGINT)) AND __time < "
                                + "MILLIS_TO_TIMESTAMP(CAST(? AS BIGINT)) AND (\"country\" IN (CAST(? AS VARCHAR)) OR \"country\" IS NULL) GROUP BY 1, 2 "
                                + "ORDER BY 1, 2 LIMIT 1000");
        assertThat(sql.parameters())
                .containsExactly(
                        "P1W",
                        "Europe/Paris",
                        MARCH.start().toEpochMilli(),
                        MARCH.end().toEpochMilli(),
                        "FR");
    }

    @Test
    void anUnknownTimeZoneIsABadRequest() {
        assertThatThrownBy(() -> new TimeseriesQuery(
                        "sales",
                        List.of(new Measure("count", null, null)),
                        Granularity.DAY,
                        null,
                        null,
                        "Mars/Base",
                        null,
                        null))
                .isInstanceOf(StrataException.InvalidInput.class)
                .hasMessageContaining("timeZone 'Mars/Base'");
    }

    @Test
    void topNOrdersByTheMeasureWithTheCheckedLimit() {
        DatasetModel model = Models.sales(false);
        TopNQuery query = new TopNQuery(
                "sales", "device", new Measure(null, "country", Aggregate.COUNT_DISTINCT), 5, null, null, true);
        SqlQuery sql = TopN.sql(model, query, model.resolve(query.measure(), "measure"));
        assertThat(sql.text())
                .isEqualTo("SELECT \"device\" AS \"v\", COUNT(DISTINCT \"country\") AS \"m\" FROM \"sales\" GROUP BY 1 "
                        + "ORDER BY 2 DESC LIMIT 5");
        assertThat(sql.parameters()).isEmpty();
    }

    @Test
    void aTableSortsByTheRequestedKeysThenEveryDimensionAndAsksForOneRowMore() {
        DatasetModel model = Models.sales(false);
        Tables.Plan plan = Tables.plan(model, table(null));
        assertThat(plan.sql().text())
                .isEqualTo(
                        "SELECT \"country\" AS \"d0\", \"device\" AS \"d1\", SUM(\"quantity\") AS \"m0\" FROM \"sales\""
                                + " GROUP BY 1, 2 ORDER BY \"m0\" DESC, \"d0\" ASC, \"d1\" ASC LIMIT 3");
        assertThat(plan.sql().parameters()).isEmpty();
    }

    @Test
    void aCursorBecomesAKeysetConditionInHaving() {
        DatasetModel model = Models.sales(false);
        String cursor =
                Cursors.encode(Tables.plan(model, table(null)).shape(), java.util.Arrays.asList(40L, "FR", null));
        Tables.Plan next = Tables.plan(model, table(cursor));
        assertThat(next.sql().text())
                .contains(
                        " GROUP BY 1, 2 HAVING (((SUM(\"quantity\") < CAST(? AS BIGINT) OR SUM(\"quantity\") IS NULL)) OR "
                                + "(SUM(\"quantity\") = CAST(? AS BIGINT) AND \"country\" > CAST(? AS VARCHAR)) OR (SUM(\"quantity\") = CAST(? AS BIGINT) AND \"country\" = CAST(? AS VARCHAR) AND "
                                + "\"device\" IS NOT NULL)) ORDER BY");
        assertThat(next.sql().parameters()).containsExactly(40L, 40L, "FR", 40L, "FR");
    }

    @Test
    void aCursorOfAnotherQueryOrNotACursorIsABadRequest() {
        DatasetModel model = Models.sales(false);
        String cursor = Cursors.encode("another-shape", List.of(40L, "FR", "ios"));
        assertThatThrownBy(() -> Tables.plan(model, table(cursor))).hasMessageContaining("different table query");
        assertThatThrownBy(() -> Tables.plan(model, table("%%%"))).hasMessageContaining("not a cursor");
    }

    @Test
    void sortingByAFieldThatIsNotInTheTableIsABadRequest() {
        DatasetModel model = Models.sales(false);
        TableQuery query = new TableQuery(
                "sales", List.of("country"), List.of(), null, null, List.of(new OrderBy("revenue", null)), 10, null);
        assertThatThrownBy(() -> Tables.plan(model, query)).hasMessageContaining("sort by one of [country]");
    }

    private static TableQuery table(String after) {
        return new TableQuery(
                "sales",
                List.of("country", "device"),
                List.of(new Measure("quantity", null, null)),
                null,
                null,
                List.of(new OrderBy("quantity", SortDirection.DESC)),
                2,
                after);
    }

    @Test
    void overNoRowsCountsAreZeroSumsNullAndFormulasFollowSql() {
        DatasetModel model = Models.sales(
                false,
                "margin",
                "revenue / NULLIF(SUM(cost), 0)",
                "twice",
                "COUNT(*) * 2",
                "ratio",
                "COUNT(*) / COUNT(*)");

        assertThat(Kpis.overNoRows(model, model.measure("count").orElseThrow())).isEqualTo(0.0);
        assertThat(Kpis.overNoRows(model, model.measure("revenue").orElseThrow()))
                .isNull();
        assertThat(Kpis.overNoRows(model, model.measure("margin").orElseThrow()))
                .isNull();
        assertThat(Kpis.overNoRows(model, model.measure("twice").orElseThrow())).isEqualTo(0.0);
        assertThat(Kpis.overNoRows(model, model.measure("ratio").orElseThrow()))
                .as("0 / 0")
                .isNull();
    }
}
