package io.strata.api.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An injection corpus, as tenant acme, over the PostgreSQL protocol and Druid's HTTP API: comments, quoting tricks,
 * unicode lookalikes, second statements, CTEs shadowing a dataset, a dataset named in a subquery of a function's
 * argument, joins, unions, laterals, Druid's table functions and system tables. Each query is either refused or
 * answers from acme's rows alone: not one value of globex's, no count beyond acme's rows.
 */
class SqlInjectionIT extends SqlEndpointContext {

    static final List<String> POSTGRES = List.of(
            "SELECT tenant FROM sql_sales -- WHERE tenant = 'acme'",
            "SELECT tenant FROM sql_sales /* */ WHERE 1=1 OR tenant = 'globex'",
            "SELECT tenant FROM sql_sales /* nested /* comment */ still a comment */ WHERE true",
            "SELECT tenant FROM \"sql_sales\"",
            "SELECT tenant FROM druid.sql_sales",
            "SELECT tenant FROM public.\"sql_sales\"",
            "SELECT tenant FROM strata.public.sql_sales",
            "SELECT tenant FROM sql_sales WHERE tenant = 'acme'' OR ''1''=''1'",
            "SELECT tenant FROM sql_sales WHERE tenant = E'\\' OR 1=1 --'",
            "SELECT tenant FROM sql_sales WHERE tenant = $$x$$ OR true",
            "SELECT tenant FROM sql_sales WHERE tenant = U&'\\0067lobex' OR tenant = 'acme'",
            "SELECT tenant FROM ѕql_sales", // a Cyrillic ѕ
            "SELECT tenant FROM \"SQL_SALES\"",
            "SELECT tenant FROM sql_sales; SELECT tenant FROM sql_sales",
            "SELECT tenant FROM sql_sales WHERE tenant = 'acme'; DROP TABLE sql_sales",
            "SELECT LOWER(UPPER((SELECT MAX(tenant) FROM sql_sales WHERE tenant > 'b'))) AS t",
            "SELECT COALESCE((SELECT MIN(tenant) FROM sql_sales WHERE tenant > 'b'), 'none') AS t",
            "SELECT tenant FROM sql_sales WHERE tenant IN (SELECT 'globex')",
            "WITH t AS (SELECT * FROM sql_sales) SELECT tenant FROM t",
            "WITH x AS (SELECT * FROM sql_sales) SELECT tenant FROM x UNION ALL SELECT tenant FROM sql_sales",
            "WITH sql_sales AS (SELECT * FROM sql_sales WHERE tenant = 'globex') SELECT tenant FROM sql_sales",
            "SELECT tenant FROM sql_sales UNION SELECT tenant FROM sql_sales WHERE tenant = 'globex'",
            "SELECT a.tenant FROM sql_sales a JOIN sql_sales b ON a.tenant <> b.tenant",
            "SELECT (SELECT COUNT(*) FROM sql_sales) AS n",
            "SELECT COUNT(*) AS n FROM sql_sales s, LATERAL (SELECT * FROM sql_sales t WHERE t.tenant = 'globex') x",
            "SELECT tenant FROM sql_sales s WHERE EXISTS (SELECT 1 FROM sql_sales WHERE tenant = 'globex')",
            "SELECT CASE WHEN (SELECT COUNT(*) FROM sql_sales WHERE tenant = 'globex') > 0 THEN 'globex' END AS t",
            "TABLE sql_sales",
            "SELECT * FROM sql_sales",
            "SELECT tenant FROM TABLE(EXTERN('{\"type\":\"http\",\"uris\":[\"http://127.0.0.1/\"]}', "
                    + "'{\"type\":\"csv\"}', '[{\"name\":\"tenant\",\"type\":\"string\"}]'))",
            "SELECT * FROM sys.segments",
            "SELECT relname FROM pg_class, sql_sales",
            "SELECT table_name FROM information_schema.tables",
            "ＳELECT tenant FROM sql_sales",
            "SELECT tenant FROM sql_sales WHERE tenant = 'acme' OR tenant = 'glo' || 'bex'",
            "SELECT COUNT(*) AS n FROM sql_sales WHERE TIME_FLOOR(__time, 'P1D') IS NOT NULL");

    static final List<String> DRUID = List.of(
            "SELECT tenant FROM \"druid\".\"sql_sales\"",
            "SELECT * FROM sql_sales",
            "SELECT tenant FROM TABLE(APPEND('sql_sales'))",
            "SELECT tenant FROM sql_sales WHERE tenant = 'x' OR 1 = 1",
            "SELECT tenant FROM sql_sales WHERE tenant = 'x'; SELECT * FROM sys.servers",
            "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES",
            "SELECT COUNT(*) AS n FROM sql_sales a INNER JOIN sql_sales b ON a.__time = b.__time",
            "SELECT tenant FROM lookup.tenants");

    long acme;
    int refused;
    int answered;

    @Test
    void noQueryOfTheCorpusReadsAnotherTenantsRows() throws SQLException {
        acme = fixture().totals("acme").count();
        String token = TestTokens.token(port, "acme-viewer");
        Properties properties = new Properties();
        properties.setProperty("user", "bi");
        properties.setProperty("password", token);
        properties.setProperty("sslmode", "disable");
        try (Connection connection =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PG_PORT + "/strata", properties);
                Statement statement = connection.createStatement()) {
            for (String sql : POSTGRES) {
                try {
                    boolean results = statement.execute(sql);
                    while (results || statement.getUpdateCount() != -1) {
                        if (results) {
                            try (ResultSet r = statement.getResultSet()) {
                                check(sql, rows(r));
                            }
                        }
                        results = statement.getMoreResults();
                    }
                    answered++;
                } catch (SQLException e) {
                    refused++;
                }
            }
        }
        WebTestClient http = TestTokens.client(port, "acme-viewer");
        JsonMapper json = JsonMapper.builder().build();
        for (String sql : DRUID) {
            byte[] body = http.post()
                    .uri("/druid/v2/sql")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("query", sql, "resultFormat", "array", "header", true))
                    .exchange()
                    .expectBody()
                    .returnResult()
                    .getResponseBody();
            JsonNode answer = json.readTree(body);
            if (!answer.isArray()) {
                refused++;
                continue;
            }
            List<String> names = new ArrayList<>();
            answer.get(0).forEach(n -> names.add(n.asString()));
            List<List<String>> rows = new ArrayList<>();
            for (int i = 1; i < answer.size(); i++) {
                List<String> row = new ArrayList<>();
                answer.get(i).forEach(v -> row.add(v.isNull() ? null : v.asString()));
                rows.add(row);
            }
            check(sql, new Rows(names, rows));
            answered++;
        }
        System.out.printf(
                "SqlInjectionIT: %d queries, %d refused, %d answered from acme's rows only, 0 rows leaked%n",
                POSTGRES.size() + DRUID.size(), refused, answered);
        assertThat(refused + answered).isEqualTo(POSTGRES.size() + DRUID.size());
        assertThat(answered).as("the corpus has queries that run").isGreaterThan(20);
    }

    record Rows(List<String> names, List<List<String>> rows) {}

    static Rows rows(ResultSet r) throws SQLException {
        ResultSetMetaData meta = r.getMetaData();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnLabel(i));
        }
        List<List<String>> rows = new ArrayList<>();
        while (r.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= names.size(); i++) {
                row.add(r.getString(i));
            }
            rows.add(row);
        }
        return new Rows(names, rows);
    }

    /** No value of globex's; no count beyond acme's rows; every tenant value acme's. */
    void check(String sql, Rows result) {
        for (List<String> row : result.rows()) {
            assertThat(row).as(sql).doesNotContain("globex");
            int n = result.names().indexOf("n");
            if (n >= 0 && row.get(n) != null) {
                assertThat(Long.parseLong(row.get(n))).as(sql).isLessThanOrEqualTo(acme);
            }
        }
        if (result.names().contains("tenant")) {
            int t = result.names().indexOf("tenant");
            result.rows().forEach(row -> assertThat(row.get(t)).as(sql).isEqualTo("acme"));
        }
    }
}
