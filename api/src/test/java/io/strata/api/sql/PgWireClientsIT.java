package io.strata.api.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.strata.api.TestTokens;
import io.strata.api.security.LocalTokenIssuer;
import io.strata.api.security.Role;
import io.strata.api.security.SignedTokens;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PostgreSQL wire protocol with the clients BI tools are built on, none of them ours: psql (Debian's), PgJDBC,
 * psycopg2 with SQLAlchemy (Debian's, for /usr/bin/python3) and node-postgres (npm's pg). Two tenants, each through
 * every client, see the numbers computed in the test from their own rows of the uploaded file, and only the
 * datasets they may read.
 */
class PgWireClientsIT extends SqlEndpointContext {

    static final Map<String, String> CLIENTS = Map.of("acme", "acme-viewer", "globex", "globex-viewer");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    LocalTokenIssuer issuer;

    String token(String tenant) {
        return TestTokens.token(port, CLIENTS.get(tenant));
    }

    Connection jdbc(String token) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "bi");
        properties.setProperty("password", token);
        properties.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PG_PORT + "/strata", properties);
    }

    @Test
    void psqlListsOnlyTheDatasetsTheCallerMayReadAndDescribesThem() {
        fixture();
        String tables = ExternalClient.psql(PG_PORT, token("acme"), "disable", "-c", "\\dt")
                .ok()
                .out();
        assertThat(tables).contains("public | sql_sales").doesNotContain("sql_private");
        String emea = ExternalClient.psql(PG_PORT, TestTokens.token(port, "emea-viewer"), "disable", "-c", "\\dt")
                .ok()
                .out();
        assertThat(emea).contains("public | sql_private").contains("public | sql_sales");
        String described = ExternalClient.psql(PG_PORT, token("acme"), "disable", "-c", "\\d sql_sales")
                .ok()
                .out();
        assertThat(described)
                .contains("Table \"public.sql_sales\"")
                .containsPattern("__time\\s+\\| timestamp with time zone \\|\\s+\\| not null")
                .containsPattern("tenant\\s+\\| text")
                .containsPattern("quantity\\s+\\| bigint")
                .containsPattern("revenue\\s+\\| double precision");
        assertThat(ExternalClient.psql(PG_PORT, token("acme"), "disable", "-c", "\\l")
                        .ok()
                        .out())
                .containsPattern("strata\\s+\\| strata\\s+\\| UTF8");
    }

    @Test
    void psqlAnswersEachTenantFromItsOwnRowsOverPlainAndTlsConnections() {
        for (String tenant : CLIENTS.keySet()) {
            SqlFixture.Totals expected = fixture().totals(tenant);
            for (String sslmode : List.of("disable", "require")) {
                String[] got = ExternalClient.psql(
                                PG_PORT,
                                token(tenant),
                                sslmode,
                                "-At",
                                "-F",
                                "|",
                                "-c",
                                "SELECT count(*), sum(quantity), sum(revenue) FROM sql_sales")
                        .ok()
                        .out()
                        .trim()
                        .split("\\|");
                assertThat(Long.parseLong(got[0])).as(tenant).isEqualTo(expected.count());
                assertThat(Long.parseLong(got[1])).as(tenant).isEqualTo(expected.quantity());
                assertThat(Double.parseDouble(got[2])).as(tenant).isCloseTo(expected.revenue(), within(0.01));
            }
        }
        assertThat(fixture().totals("acme").count())
                .isNotEqualTo(fixture().totals("globex").count());
        assertThat(ExternalClient.psql(PG_PORT, token("acme"), "require", "-c", "\\conninfo")
                        .ok()
                        .out())
                .contains("SSL connection");
    }

    @Test
    void psqlShowsPostgresErrorsAndRefusesABadToken() {
        ExternalClient.Run unknown =
                ExternalClient.psql(PG_PORT, token("acme"), "disable", "-c", "SELECT * FROM sql_private");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("ERROR:  relation \"sql_private\" does not exist");
        ExternalClient.Run missing =
                ExternalClient.psql(PG_PORT, token("acme"), "disable", "-c", "SELECT * FROM no_such_table");
        assertThat(missing.err()).contains("ERROR:  relation \"no_such_table\" does not exist");
        ExternalClient.Run badToken = ExternalClient.psql(PG_PORT, "not-a-token", "disable", "-c", "SELECT 1");
        assertThat(badToken.exit()).isNotZero();
        assertThat(badToken.err()).contains("FATAL:  password authentication failed for user \"bi\"");
    }

    @Test
    void pgJdbcMetadataAndPreparedStatementsSeeTheTenantsRowsOnly() throws SQLException {
        for (String tenant : CLIENTS.keySet()) {
            try (Connection connection = jdbc(token(tenant))) {
                DatabaseMetaData meta = connection.getMetaData();
                List<String> schemas = new ArrayList<>();
                try (ResultSet r = meta.getSchemas()) {
                    while (r.next()) {
                        schemas.add(r.getString("TABLE_SCHEM"));
                    }
                }
                assertThat(schemas).contains("public", "pg_catalog", "information_schema");
                List<String> tables = new ArrayList<>();
                try (ResultSet r = meta.getTables(null, "public", "%", new String[] {"TABLE"})) {
                    while (r.next()) {
                        tables.add(r.getString("TABLE_NAME"));
                    }
                }
                assertThat(tables).contains("sql_sales").doesNotContain("sql_private");
                Map<String, Integer> columns = new LinkedHashMap<>();
                try (ResultSet r = meta.getColumns(null, "public", "sql_sales", null)) {
                    while (r.next()) {
                        columns.put(r.getString("COLUMN_NAME"), r.getInt("DATA_TYPE"));
                    }
                }
                assertThat(columns)
                        .containsEntry("__time", Types.TIMESTAMP)
                        .containsEntry("tenant", Types.VARCHAR)
                        .containsEntry("quantity", Types.BIGINT)
                        .containsEntry("revenue", Types.DOUBLE);
                // Past PgJDBC's prepareThreshold (5) the statement is named and its results come in binary.
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT country, count(*) AS n, sum(quantity) AS q, max(__time) AS last FROM sql_sales "
                                + "WHERE quantity >= ? AND tenant <> ? GROUP BY country ORDER BY country")) {
                    for (int run = 0; run < 7; run++) {
                        long minimum = 5 + run * 3;
                        statement.setLong(1, minimum);
                        statement.setString(2, "nobody");
                        Map<String, List<Long>> got = new TreeMap<>();
                        try (ResultSet r = statement.executeQuery()) {
                            while (r.next()) {
                                got.put(r.getString("country"), List.of(r.getLong("n"), r.getLong("q")));
                                assertThat(r.getTimestamp("last")).isNotNull();
                            }
                        }
                        assertThat(got)
                                .as("%s, run %d", tenant, run)
                                .isEqualTo(fixture().byCountry(tenant, minimum));
                    }
                }
                // A cursor: 100 rows at a time (Execute with max rows, the portal suspended in between).
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.setFetchSize(100);
                    long rows = 0;
                    try (ResultSet r = statement.executeQuery("SELECT __time, tenant FROM sql_sales")) {
                        while (r.next()) {
                            assertThat(r.getString("tenant")).isEqualTo(tenant);
                            rows++;
                        }
                    }
                    assertThat(rows).isEqualTo(fixture().totals(tenant).count());
                }
                connection.commit();
            }
        }
    }

    @Test
    void pgJdbcGetsPostgresSqlStates() throws SQLException {
        try (Connection connection = jdbc(token("acme"));
                Statement statement = connection.createStatement()) {
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("SELECT * FROM sql_private", "42P01");
            expected.put("SELECT no_such_column FROM sql_sales", "42703");
            expected.put("SELEC 1", "42601");
            expected.put("INSERT INTO sql_sales (tenant) VALUES ('x')", "25006");
            expected.put("SELECT * FROM sys.segments", "42501");
            expected.put(
                    "SELECT tenant FROM sql_sales UNION ALL SELECT tenant FROM sql_sales UNION ALL SELECT tenant FROM "
                            + "sql_sales UNION ALL SELECT tenant FROM sql_sales",
                    "53400");
            expected.forEach((sql, state) -> assertThatThrownBy(() -> statement.executeQuery(sql))
                    .as(sql)
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state)));
            // the session goes on after errors
            try (ResultSet r = statement.executeQuery("SELECT count(*) FROM sql_sales")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(fixture().totals("acme").count());
            }
        }
        assertThatThrownBy(() -> jdbc("not-a-token"))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        Properties properties = new Properties();
        properties.setProperty("user", "bi");
        properties.setProperty("password", token("acme"));
        assertThatThrownBy(() -> DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/other?sslmode=disable", properties))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("3D000"));
    }

    @Test
    void aSessionWhoseTokenExpiresIsClosedAtItsNextStatement() throws SQLException {
        Instant now = Instant.now();
        Instant expires = now.plusSeconds(4);
        String token = SignedTokens.of(issuer, "short-lived", Role.VIEWER, now.minusSeconds(1), expires);
        try (Connection connection = jdbc(token);
                Statement statement = connection.createStatement()) {
            try (ResultSet r = statement.executeQuery("SELECT 1")) {
                assertThat(r.next()).isTrue();
            }
            Awaitility.await("the token to expire")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> Instant.now().isAfter(expires));
            assertThatThrownBy(() -> statement.executeQuery("SELECT 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("28P01");
                        assertThat(e.getMessage()).contains("expired");
                    });
            assertThat(connection.isValid(5)).isFalse();
        }
        String expired = SignedTokens.of(issuer, "expired", Role.VIEWER, now.minusSeconds(120), now.minusSeconds(60));
        assertThatThrownBy(() -> jdbc(expired)).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("28P01");
            assertThat(e.getMessage()).contains("expired");
        });
    }

    @Test
    void psycopg2AndSqlAlchemysInspectorSeeEachTenantsRows() {
        for (String tenant : CLIENTS.keySet()) {
            long minimum = 12;
            JsonNode out = JSON.readTree(ExternalClient.run(
                            List.of(
                                    "/usr/bin/python3",
                                    script("python/sql_clients.py"),
                                    Integer.toString(PG_PORT),
                                    token(tenant),
                                    Long.toString(minimum)),
                            Map.of())
                    .ok()
                    .out());
            SqlFixture.Totals totals = fixture().totals(tenant);
            assertThat(out.path("totals").get(0).asLong()).isEqualTo(totals.count());
            assertThat(out.path("totals").get(1).asLong()).isEqualTo(totals.quantity());
            assertThat(out.path("totals").get(2).asDouble()).isCloseTo(totals.revenue(), within(0.01));
            Map<String, Long> byCountry = new TreeMap<>();
            fixture().byCountry(tenant, minimum).forEach((country, v) -> byCountry.put(country, v.get(0)));
            Map<String, Long> got = new TreeMap<>();
            out.path("by_country")
                    .properties()
                    .forEach(e -> got.put(e.getKey(), e.getValue().asLong()));
            assertThat(got).isEqualTo(byCountry);
            Map<String, Long> byDevice = new TreeMap<>();
            for (SqlFixture.Sale s : fixture().of(tenant)) {
                if (s.quantity() >= minimum) {
                    byDevice.merge(s.device(), s.quantity(), Long::sum);
                }
            }
            Map<String, Long> gotDevices = new TreeMap<>();
            out.path("by_device")
                    .properties()
                    .forEach(e -> gotDevices.put(e.getKey(), e.getValue().asLong()));
            assertThat(gotDevices).isEqualTo(byDevice);
            assertThat(out.path("private").asString()).isEqualTo("42P01");
            assertThat(out.path("tables").toString()).contains("sql_sales").doesNotContain("sql_private");
            assertThat(out.path("columns").toString())
                    .contains("[\"__time\",\"TIMESTAMP\",false]")
                    .contains("[\"quantity\",\"BIGINT\",true]")
                    .contains("[\"revenue\",\"DOUBLE_PRECISION\",true]")
                    .contains("[\"tenant\",\"TEXT\",true]");
        }
    }

    @Test
    void nodePostgresSeesEachTenantsRows() {
        File node = new File(script("node"));
        if (!new File(node, "node_modules/pg").isDirectory()) {
            ExternalClient.run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), node, Duration.ofMinutes(3))
                    .ok();
        }
        for (String tenant : CLIENTS.keySet()) {
            long minimum = 20;
            JsonNode out = JSON.readTree(ExternalClient.run(
                            List.of(
                                    "node",
                                    "pg-client.mjs",
                                    Integer.toString(PG_PORT),
                                    token(tenant),
                                    Long.toString(minimum)),
                            Map.of(),
                            node,
                            Duration.ofMinutes(1))
                    .ok()
                    .out());
            SqlFixture.Totals totals = fixture().totals(tenant);
            assertThat(out.path("totals").get(0).asLong()).isEqualTo(totals.count());
            assertThat(out.path("totals").get(1).asLong()).isEqualTo(totals.quantity());
            Map<String, List<Long>> got = new TreeMap<>();
            out.path("byCountry")
                    .properties()
                    .forEach(e -> got.put(
                            e.getKey(),
                            List.of(
                                    e.getValue().get(0).asLong(),
                                    e.getValue().get(1).asLong())));
            assertThat(got).isEqualTo(fixture().byCountry(tenant, minimum));
            assertThat(out.path("types").toString()).isEqualTo("[25,20,20]");
            assertThat(out.path("unknownColumn").asString()).isEqualTo("42703");
        }
    }

    /** A path under src/test (the build runs from the module's directory). */
    static String script(String path) {
        return Path.of("src/test").resolve(path).toAbsolutePath().toString();
    }
}
