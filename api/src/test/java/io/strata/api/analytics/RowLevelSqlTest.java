package io.strata.api.analytics;

import static io.strata.api.analytics.Models.eq;
import static io.strata.api.analytics.Models.restricted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.api.analytics.expression.Aggregate;
import io.strata.api.security.RowFilter;
import io.strata.ingestion.StrataException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Row-level security inside query translation: every query shape over a dataset renders the caller's row filter
 * as bound values, before anything the client asked for, and SQL that skipped it cannot become a Druid query.
 */
class RowLevelSqlTest {

    static final RowFilter FRANCE_AND_SPAIN =
            new RowFilter(List.of(new RowFilter.Condition("by_country", "country", List.of("FR", "ES"))));
    static final String ROWS = "(\"country\" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR)))";
    static final Interval MARCH =
            new Interval(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"));

    final DatasetModel model = restricted(Models.sales(false), FRANCE_AND_SPAIN);
    final List<Measure> count = List.of(new Measure("count", null, null));

    @Test
    void kpisFilterRowsBeforeTheClientsFilter() {
        SqlQuery sql = Kpis.sql(model, Kpis.resolve(model, count), eq("device", "mobile"), MARCH);

        assertThat(sql.text())
                .isEqualTo(
                        "SELECT COUNT(*) AS \"m0\", COUNT(*) AS \"n\" FROM \"sales\" WHERE " + ROWS + " AND __time >= "
                                + "MILLIS_TO_TIMESTAMP(CAST(? AS BIGINT)) AND __time < MILLIS_TO_TIMESTAMP(CAST(? AS BIGINT)) "
                                + "AND (\"device\" = CAST(? AS VARCHAR))");
        assertThat(sql.parameters())
                .containsExactly(
                        "ES", "FR", MARCH.start().toEpochMilli(), MARCH.end().toEpochMilli(), "mobile");
    }

    @Test
    void aClientFilterCannotWidenTheRowFilter() {
        // OR-ing a match-everything condition stays inside the client's parentheses, and-ed with the row filter.
        Filter everything = new Filter(
                null,
                List.of(
                        eq("country", "DE"),
                        new Filter(null, null, null, "country", null, null, null, null, null, null, null, false)),
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

        String sql =
                Kpis.sql(model, Kpis.resolve(model, count), everything, null).text();

        assertThat(sql)
                .startsWith("SELECT COUNT(*) AS \"m0\", COUNT(*) AS \"n\" FROM \"sales\" WHERE " + ROWS + " AND ((");
    }

    @Test
    void everyQueryShapeRendersTheRowFilter() {
        Measure revenue = new Measure(null, "revenue", Aggregate.SUM);
        TimeseriesQuery series =
                new TimeseriesQuery("sales", List.of(revenue), Granularity.DAY, null, MARCH, "UTC", "device", 5);
        List<SqlQuery> shapes = List.of(
                Kpis.sql(model, Kpis.resolve(model, count), null, null),
                TopN.sql(
                        model,
                        new TopNQuery("sales", "device", revenue, 10, null, null, true),
                        model.resolve(revenue, "measure")),
                Timeseries.topSplitSql(model, series, model.resolve(revenue, "measures[0]"), "device", 5),
                Timeseries.bucketSql(
                        model,
                        series,
                        List.of(model.resolve(revenue, "measures[0]")),
                        "device",
                        List.of("mobile"),
                        100),
                Tables.plan(
                                model,
                                new TableQuery(
                                        "sales", List.of("device"), List.of(revenue), null, null, null, 10, null))
                        .sql());

        for (SqlQuery sql : shapes) {
            assertThat(sql.text()).as(sql.text()).contains("FROM \"sales\" WHERE " + ROWS);
            assertThat(DruidQuery.of(sql).parameters()).as(sql.text()).contains("FR", "ES");
        }
    }

    @Test
    void aCallerWithoutTheClaimSeesNoRow() {
        DatasetModel nothing = restricted(
                Models.sales(false),
                new RowFilter(List.of(new RowFilter.Condition("by_country", "country", List.of()))));

        assertThat(Kpis.sql(nothing, Kpis.resolve(nothing, count), null, null).text())
                .isEqualTo("SELECT COUNT(*) AS \"m0\", COUNT(*) AS \"n\" FROM \"sales\" WHERE 1 = 0");
    }

    @Test
    void aNumericPolicyColumnIsComparedAsText() {
        DatasetModel byQuantity = restricted(
                Models.sales(false), new RowFilter(List.of(new RowFilter.Condition("q", "quantity", List.of("3")))));

        assertThat(Kpis.sql(byQuantity, Kpis.resolve(byQuantity, count), null, null)
                        .text())
                .endsWith("WHERE (CAST(\"quantity\" AS VARCHAR) IN (CAST(? AS VARCHAR)))");
    }

    @Test
    void aPolicyOnAColumnTheDatasetLacksRefusesTheQuery() {
        DatasetModel broken = restricted(
                Models.sales(false),
                new RowFilter(List.of(new RowFilter.Condition("by_region", "region", List.of("EU")))));

        assertThatThrownBy(() -> Kpis.sql(broken, Kpis.resolve(broken, count), null, null))
                .isInstanceOf(StrataException.Forbidden.class)
                .hasMessageContaining("row policy 'by_region'")
                .hasMessageContaining("column 'region'");
    }

    @Test
    void sqlThatNamedNoDatasetThroughTheRowFilterIsNoDruidQuery() {
        SqlQuery bypass = new SqlQuery().append("SELECT COUNT(*) FROM ").identifier("sales");

        assertThatThrownBy(() -> DruidQuery.of(bypass))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row-level filter");
    }
}
