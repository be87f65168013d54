package io.strata.api.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.api.analytics.DatasetColumn;
import io.strata.api.analytics.DatasetModel;
import io.strata.api.analytics.DatasetView;
import io.strata.api.security.RowFilter;
import io.strata.ingestion.task.Dataset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.junit.jupiter.api.Test;

/**
 * Rewriting a query for Druid: every table reference, wherever it is, reads the dataset through the caller's row
 * filter. The check re-parses the SQL Strata would send and verifies that each reference to a dataset is the FROM of
 * a {@code SELECT *} whose WHERE is exactly the filter — so no shape of query reads an unfiltered row.
 */
class DruidRewriteTest {

    static final RowFilter ACME =
            new RowFilter(List.of(new RowFilter.Condition("by_tenant", "tenant", List.of("acme"))));

    static DatasetModel model(String name, RowFilter rows) {
        List<DatasetColumn> columns = List.of(
                new DatasetColumn("__time", "TIMESTAMP", "TIMESTAMP"),
                new DatasetColumn("tenant", "VARCHAR", "DIMENSION"),
                new DatasetColumn("country", "VARCHAR", "DIMENSION"),
                new DatasetColumn("quantity", "BIGINT", "METRIC"));
        return new DatasetModel(
                new DatasetView(new Dataset(name, 1, false, null, null, Instant.EPOCH, Instant.EPOCH), columns),
                Map.of(),
                rows);
    }

    static final Map<String, DatasetModel> MODELS =
            Map.of("sales", model("sales", ACME), "visits", model("visits", ACME));

    static SqlPlan.Druid rewrite(String sql, Dialect dialect) {
        SqlScanner.Statement statement = SqlScanner.single(sql, dialect);
        TableReferences references =
                TableReferences.of(SqlParsing.parse(statement.text(), dialect), dialect, (d, names) -> false);
        return DruidRewrite.of(references.query(), dialect, MODELS, statement.parameters());
    }

    /** Re-parses Druid's SQL and checks each dataset reference is the FROM of SELECT * WHERE <filter>. */
    static void assertEveryReferenceFiltered(SqlPlan.Druid plan, int expectedReferences) {
        SqlNode parsed = SqlParsing.parse(plan.sql(), Dialect.DRUID);
        List<SqlIdentifier> references = new ArrayList<>();
        FromItems.rewrite(parsed, new FromItems.Tables() {
            @Override
            public SqlNode table(SqlIdentifier name, boolean aliased) {
                references.add(name);
                return name;
            }

            @Override
            public SqlNode tableFunction(SqlCall call) {
                throw new AssertionError("a table function reached Druid: " + call);
            }
        });
        assertThat(references).as(plan.sql()).hasSize(expectedReferences);
        List<SqlIdentifier> guarded = new ArrayList<>();
        parsed.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect select
                        && select.getFrom() instanceof SqlIdentifier table
                        && table.names.get(0).equals("druid")) {
                    assertThat(select.getSelectList().toString()).isEqualTo("*");
                    assertThat(select.getWhere()).as(plan.sql()).isNotNull();
                    assertThat(select.getWhere().toString()).isEqualTo("`tenant` IN (CAST(? AS VARCHAR))");
                    assertThat(select.getGroup()).isNull();
                    guarded.add(table);
                }
                return super.visit(call);
            }
        });
        assertThat(guarded.stream().map(SqlIdentifier::toString).sorted().toList())
                .as("every reference is a filtered SELECT *: " + plan.sql())
                .isEqualTo(references.stream()
                        .map(SqlIdentifier::toString)
                        .sorted()
                        .toList());
        for (SqlIdentifier reference : references) {
            assertThat(reference.names.get(0)).isEqualTo("druid");
        }
        assertThat(plan.parameters().stream().filter(b -> !b.isClient()).map(SqlPlan.Bound::value))
                .hasSize(expectedReferences)
                .containsOnly("acme");
    }

    @Test
    void aTableBecomesItsFilteredRowsUnderItsOwnName() {
        SqlPlan.Druid plan = rewrite(
                "SELECT country, SUM(quantity) FROM sales WHERE sales.country <> 'FR' GROUP BY 1", Dialect.POSTGRES);
        assertThat(plan.sql())
                .isEqualTo("SELECT \"country\", SUM(\"quantity\") AS \"sum\" FROM (SELECT * FROM \"druid\".\"sales\" "
                        + "WHERE \"tenant\" IN (CAST(? AS VARCHAR))) AS \"sales\" WHERE \"sales\".\"country\" <> 'FR' "
                        + "GROUP BY 1");
        assertThat(plan.parameters()).containsExactly(SqlPlan.Bound.fixed("acme"));
        assertThat(plan.datasets()).containsOnlyKeys("sales");
    }

    @Test
    void everyReferenceIsFilteredInJoinsSubqueriesCtesUnionsAndLaterals() {
        Map<String, Integer> shapes = Map.ofEntries(
                Map.entry("SELECT * FROM sales s JOIN visits v ON s.country = v.country", 2),
                Map.entry("SELECT * FROM sales WHERE country IN (SELECT country FROM visits)", 2),
                Map.entry("SELECT * FROM sales WHERE EXISTS (SELECT 1 FROM visits WHERE visits.tenant = 'x')", 2),
                Map.entry("SELECT (SELECT MAX(quantity) FROM sales) AS m FROM visits", 2),
                Map.entry("SELECT length((SELECT MAX(country) FROM sales)) AS l", 1),
                Map.entry("WITH x AS (SELECT * FROM sales) SELECT * FROM x JOIN x AS y ON x.tenant = y.tenant", 1),
                Map.entry("WITH sales AS (SELECT * FROM sales WHERE quantity > 1) SELECT * FROM sales", 1),
                Map.entry("SELECT country FROM sales UNION ALL SELECT country FROM visits UNION SELECT 'x'", 2),
                Map.entry(
                        "SELECT * FROM sales, LATERAL (SELECT * FROM visits WHERE visits.country = sales.country) v",
                        2),
                Map.entry("SELECT * FROM (SELECT * FROM (SELECT * FROM public.sales) a) b", 1),
                Map.entry("TABLE sales", 1),
                Map.entry("SELECT * FROM druid.sales AS \"s\" WHERE s.country = $1", 1),
                Map.entry(
                        "SELECT CASE WHEN quantity > (SELECT AVG(quantity) FROM sales) THEN 1 END AS c FROM sales", 2),
                Map.entry("SELECT * FROM sales ORDER BY (SELECT COUNT(*) FROM visits) LIMIT 3", 2));
        shapes.forEach((sql, references) -> assertEveryReferenceFiltered(rewrite(sql, Dialect.POSTGRES), references));
    }

    @Test
    void postgresSpellingsBecomeDruidSql() {
        String sql = rewrite(
                        "SELECT date_trunc('month', __time) AS m, count(*)::int8, quantity::text FROM sales WHERE "
                                + "country ILIKE 'f%' AND country ~ '^F' AND __time < now() LIMIT 10 OFFSET 5",
                        Dialect.POSTGRES)
                .sql();
        assertThat(sql)
                .contains("DATE_TRUNC('month', \"__time\") AS \"m\"")
                .contains("CAST(COUNT(*) AS BIGINT) AS \"count\"")
                .contains("CAST(\"quantity\" AS VARCHAR) AS \"quantity\"")
                .contains("LOWER(\"country\") LIKE LOWER('f%')")
                .contains("REGEXP_LIKE(\"country\", '^F')")
                .contains("\"__time\" < CURRENT_TIMESTAMP")
                .endsWith("LIMIT 10 OFFSET 5");
    }

    @Test
    void clientParametersKeepTheirNumbersAroundStrataOwn() {
        SqlPlan.Druid plan = rewrite(
                "SELECT * FROM sales WHERE quantity > $2 AND country = $1 AND tenant IN (SELECT tenant FROM visits "
                        + "WHERE country = $1)",
                Dialect.POSTGRES);
        assertThat(plan.parameters())
                .containsExactly(
                        SqlPlan.Bound.fixed("acme"),
                        SqlPlan.Bound.client(1),
                        SqlPlan.Bound.client(0),
                        SqlPlan.Bound.fixed("acme"),
                        SqlPlan.Bound.client(0));
    }

    @Test
    void druidDialectKeepsCaseAndTakesQuestionMarks() {
        SqlPlan.Druid plan = rewrite("SELECT COUNT(*) FROM \"sales\" WHERE country = ?", Dialect.DRUID);
        assertThat(plan.sql()).contains("COUNT(*)").doesNotContain("AS \"count\"");
        assertThat(plan.parameters()).containsExactly(SqlPlan.Bound.fixed("acme"), SqlPlan.Bound.client(0));
    }

    @Test
    void systemTablesTableFunctionsAndOtherSchemasAreRefused() {
        assertThatThrownBy(() -> rewrite("SELECT * FROM sys.segments", Dialect.DRUID))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.INSUFFICIENT_PRIVILEGE));
        assertThatThrownBy(
                        () -> rewrite("SELECT * FROM TABLE(EXTERN('{\"type\":\"http\"}', '{}', '[]'))", Dialect.DRUID))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.INSUFFICIENT_PRIVILEGE));
        assertThatThrownBy(() -> rewrite("SELECT * FROM lookup.countries", Dialect.DRUID))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_TABLE));
        assertThatThrownBy(() -> rewrite("WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r", Dialect.POSTGRES))
                .isInstanceOf(SqlException.class);
    }
}
