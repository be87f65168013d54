package io.strata.api.sql.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.api.analytics.DatasetColumn;
import io.strata.api.analytics.DatasetView;
import io.strata.api.sql.Dialect;
import io.strata.api.sql.PgType;
import io.strata.api.sql.SessionView;
import io.strata.api.sql.SqlColumn;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlParsing;
import io.strata.api.sql.SqlScanner;
import io.strata.api.sql.SqlState;
import io.strata.ingestion.task.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The local engine against the catalog queries real clients send (psql, PgJDBC, SQLAlchemy; captured from their
 * traffic to a PostgreSQL 15 server), over two datasets: every one runs, and the ones whose answers the clients read
 * answer what PostgreSQL would for the same tables.
 */
class CatalogQueriesTest {

    static final List<DatasetView> DATASETS = List.of(
            view("sales", "__time:TIMESTAMP", "country:VARCHAR", "quantity:BIGINT", "revenue:DOUBLE", "ratio:FLOAT"),
            view("visits", "__time:TIMESTAMP", "page:VARCHAR"));

    static final SessionView SESSION = new SessionView() {
        @Override
        public String database() {
            return "strata";
        }

        @Override
        public String user() {
            return "alice";
        }

        @Override
        public Optional<String> setting(String name) {
            return Optional.ofNullable(io.strata.api.sql.SessionSettings.DEFAULTS.get(name));
        }
    };

    final CatalogData data = new CatalogData(DATASETS, SESSION);

    static DatasetView view(String name, String... columns) {
        List<DatasetColumn> list = new ArrayList<>();
        for (String c : columns) {
            String[] parts = c.split(":");
            list.add(new DatasetColumn(parts[0], parts[1], parts[0].equals("__time") ? "TIMESTAMP" : "DIMENSION"));
        }
        return new DatasetView(new Dataset(name, 1, false, null, null, Instant.EPOCH, Instant.EPOCH), list);
    }

    Relation run(String sql, Object... parameters) {
        return run(Dialect.POSTGRES, sql, parameters);
    }

    Relation run(Dialect dialect, String sql, Object... parameters) {
        SqlScanner.Statement statement = SqlScanner.single(sql, dialect);
        List<Object> values = new ArrayList<>();
        for (int index : statement.parameters()) {
            values.add(parameters[index]);
        }
        Relation relation =
                new Interpreter(data, dialect, values).query(SqlParsing.parse(statement.text(), dialect), Env.EMPTY);
        return relation;
    }

    static List<List<Object>> rows(Relation relation) {
        return relation.rows().stream().map(r -> Arrays.asList(r)).toList();
    }

    long salesOid() {
        return data.classOid("sales").orElseThrow();
    }

    @Test
    void everyCapturedClientQueryRuns() throws IOException {
        String file;
        try (var in = getClass().getResourceAsStream("/sql/client-catalog-queries.sql")) {
            file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> queries = Arrays.stream(file.split("\n====\n"))
                .map(q -> q.lines()
                        .filter(l -> !l.startsWith("-- "))
                        .reduce("", (a, b) -> a + b + "\n")
                        .trim())
                .filter(q -> !q.isEmpty())
                .toList();
        assertThat(queries).hasSizeGreaterThan(30);
        for (String query : queries) {
            String sql = query.replace("{oid}", Long.toString(salesOid()));
            Object[] parameters = sql.contains("$2") ? new Object[] {"public", "sales"} : new Object[] {"sales"};
            try {
                assertThat(run(sql, parameters).columns()).as(sql).isNotEmpty();
            } catch (SqlException e) {
                throw new AssertionError(sql + "\n failed: " + e.getMessage(), e);
            }
        }
    }

    @Test
    void psqlListsTheDatasetsAsTablesOfPublic() {
        Relation dt = run(
                """
                SELECT n.nspname as "Schema", c.relname as "Name",
                  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' END as "Type",
                  pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
                FROM pg_catalog.pg_class c
                     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
                WHERE c.relkind IN ('r','p','')
                      AND n.nspname <> 'pg_catalog'
                      AND n.nspname !~ '^pg_toast'
                      AND n.nspname <> 'information_schema'
                  AND pg_catalog.pg_table_is_visible(c.oid)
                ORDER BY 1,2""");
        assertThat(rows(dt))
                .containsExactly(
                        List.of("public", "sales", "table", "strata"), List.of("public", "visits", "table", "strata"));
        assertThat(dt.columns()).extracting(SqlColumn::name).containsExactly("Schema", "Name", "Type", "Owner");
    }

    @Test
    void psqlDescribeFindsTheTableThenItsColumnsWithPostgresTypes() {
        Relation found = run(
                """
                SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_class c
                     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relname OPERATOR(pg_catalog.~) '^(sales)$' COLLATE pg_catalog.default
                  AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 2, 3""");
        assertThat(rows(found)).containsExactly(List.of(salesOid(), "public", "sales"));
        Relation columns = run("SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull "
                + "FROM pg_catalog.pg_attribute a WHERE a.attrelid = '" + salesOid()
                + "' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum");
        assertThat(rows(columns))
                .containsExactly(
                        List.of("__time", "timestamp with time zone", true),
                        List.of("country", "text", false),
                        List.of("quantity", "bigint", false),
                        List.of("revenue", "double precision", false),
                        List.of("ratio", "real", false));
        assertThat(columns.columns().get(2).type()).isEqualTo(PgType.BOOL);
    }

    @Test
    void pgJdbcGetColumnsNumbersColumnsWithRowNumberAndReadsTypeOids() {
        Relation columns = run(
                "SELECT * FROM (SELECT n.nspname,c.relname,a.attname,a.atttypid,row_number() OVER "
                        + "(PARTITION BY a.attrelid ORDER BY a.attnum) AS attnum FROM pg_catalog.pg_namespace n JOIN "
                        + "pg_catalog.pg_class c ON (c.relnamespace = n.oid) JOIN pg_catalog.pg_attribute a ON "
                        + "(a.attrelid=c.oid) JOIN pg_catalog.pg_type t ON (a.atttypid = t.oid) WHERE c.relkind in "
                        + "('r','p','v','f','m') and a.attnum > 0 AND NOT a.attisdropped AND c.relname LIKE $1) c WHERE true "
                        + "ORDER BY nspname,c.relname,attnum",
                "visits");
        assertThat(rows(columns))
                .containsExactly(
                        List.of("public", "visits", "__time", 1184L, 1L), List.of("public", "visits", "page", 25L, 2L));
    }

    @Test
    void sqlAlchemyFindsTableNamesAndTheTableOid() {
        assertThat(rows(run("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                        + "n.nspname = 'public' AND c.relkind in ('r', 'p')")))
                .containsExactlyInAnyOrder(List.of("sales"), List.of("visits"));
        assertThat(rows(run("SELECT c.oid FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = "
                        + "c.relnamespace WHERE (pg_catalog.pg_table_is_visible(c.oid)) AND c.relname = 'sales' AND "
                        + "c.relkind in ('r', 'v', 'm', 'f', 'p')")))
                .containsExactly(List.of(salesOid()));
    }

    @Test
    void informationSchemaAndDruidsInformationSchemaListTheSameColumns() {
        Relation pg = run("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'sales' "
                + "ORDER BY ordinal_position");
        Relation druid = run(
                Dialect.DRUID,
                "SELECT COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE "
                        + "TABLE_SCHEMA = 'druid' AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
                "sales");
        assertThat(rows(pg).stream().map(r -> r.get(0)).toList())
                .isEqualTo(rows(druid).stream().map(r -> r.get(0)).toList())
                .containsExactly("__time", "country", "quantity", "revenue", "ratio");
        assertThat(rows(druid).stream().map(r -> r.get(1)).toList())
                .containsExactly("TIMESTAMP", "VARCHAR", "BIGINT", "DOUBLE", "FLOAT");
        assertThat(rows(pg).stream().map(r -> r.get(1)).toList())
                .containsExactly("timestamp with time zone", "text", "bigint", "double precision", "real");
    }

    @Test
    void sessionFunctionsAnswerAsAReadOnlyPostgresWould() {
        Relation r = run("select pg_catalog.version(), current_schema(), current_database(), current_user, "
                + "has_table_privilege('sales', 'SELECT'), has_table_privilege('sales', 'INSERT'), "
                + "'sales'::regclass::oid = " + salesOid() + ", " + salesOid() + "::regclass, "
                + "CAST('test plain returns' AS VARCHAR(60)) AS anon_1");
        assertThat(rows(r))
                .containsExactly(List.of(
                        Functions.VERSION,
                        "public",
                        "strata",
                        "alice",
                        true,
                        false,
                        true,
                        new Values.Reg(salesOid(), "sales"),
                        "test plain returns"));
        assertThat(r.columns()).extracting(SqlColumn::name).startsWith("version", "current_schema");
    }

    @Test
    void groupsAggregatesSubqueriesAndSetOperations() {
        Relation r = run("SELECT relkind, count(*), max(relname) FROM pg_class GROUP BY relkind");
        assertThat(rows(r)).containsExactly(List.of("r", 2L, "visits"));
        Relation counts = run("SELECT c.relname, (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = c.oid) AS n "
                + "FROM pg_class c WHERE EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname "
                + "= 'page') UNION ALL SELECT 'total', count(*) FROM pg_attribute ORDER BY n DESC");
        assertThat(rows(counts)).containsExactly(List.of("total", 7L), List.of("visits", 2L));
        assertThat(rows(run("WITH t AS (SELECT relname FROM pg_class) SELECT string_agg(relname, ',') FROM t")))
                .containsExactly(List.of("sales,visits"));
        assertThat(rows(run("SELECT x FROM generate_series(1, 3) AS s(x) WHERE x <> 2 ORDER BY x DESC LIMIT 1")))
                .containsExactly(List.of(3L));
    }

    @Test
    void unknownRelationsColumnsAndFunctionsFailWithTheirSqlStates() {
        assertThatThrownBy(() -> run("SELECT * FROM information_schema.nope"))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_TABLE));
        assertThatThrownBy(() -> run("SELECT nope FROM pg_class"))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_COLUMN));
        assertThatThrownBy(() -> run("SELECT nope(1)"))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_FUNCTION));
    }
}
