package io.strata.api.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.strata.api.GraphQl;
import io.strata.api.TestTokens;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Druid's own APIs on Strata, with Druid's own clients: its SQL HTTP API through curl, and its Avatica JDBC driver
 * (avatica-core's, over JSON and protobuf) with the token as password. Two tenants see their own rows' numbers; the
 * audit log names who queried which dataset, through which protocol.
 */
class DruidSqlIT extends SqlEndpointContext {

    static final JsonMapper JSON = JsonMapper.builder().build();

    ExternalClient.Run curl(String token, String body) {
        List<String> command = new ArrayList<>(List.of(
                "curl",
                "-s",
                "-S",
                "-w",
                "\n%{http_code}",
                "-H",
                "Content-Type: application/json",
                "-d",
                body,
                "http://127.0.0.1:" + port + "/druid/v2/sql"));
        if (token != null) {
            command.addAll(2, List.of("-H", "Authorization: Bearer " + token));
        }
        return ExternalClient.run(command, Map.of()).ok();
    }

    /** The body and the status curl printed after it. */
    record Answer(String body, int status) {}

    Answer post(String token, String body) {
        String out = curl(token, body).out();
        int split = out.lastIndexOf('\n');
        return new Answer(
                out.substring(0, split),
                Integer.parseInt(out.substring(split + 1).trim()));
    }

    @Test
    void curlGetsEachTenantsNumbersInDruidsFormats() {
        for (String tenant : List.of("acme", "globex")) {
            String token = TestTokens.token(port, tenant + "-viewer");
            SqlFixture.Totals totals = fixture().totals(tenant);
            Answer objects = post(
                    token,
                    "{\"query\": \"SELECT COUNT(*) AS n, SUM(quantity) AS q, SUM(revenue) AS r " + "FROM sql_sales\"}");
            assertThat(objects.status()).isEqualTo(200);
            JsonNode row = JSON.readTree(objects.body()).get(0);
            assertThat(row.path("n").asLong()).isEqualTo(totals.count());
            assertThat(row.path("q").asLong()).isEqualTo(totals.quantity());
            assertThat(row.path("r").asDouble()).isCloseTo(totals.revenue(), within(0.01));
            Answer lines = post(
                    token,
                    "{\"query\": \"SELECT country, COUNT(*) AS n, SUM(quantity) AS q FROM sql_sales "
                            + "WHERE quantity >= ? GROUP BY 1 ORDER BY 1\", \"parameters\": [{\"type\": \"BIGINT\", \"value\": "
                            + "15}], \"resultFormat\": \"arrayLines\", \"header\": true, \"sqlTypesHeader\": true}");
            String[] rows = lines.body().split("\n", -1);
            assertThat(rows[0]).isEqualTo("[\"country\",\"n\",\"q\"]");
            assertThat(rows[1]).isEqualTo("[\"VARCHAR\",\"BIGINT\",\"BIGINT\"]");
            Map<String, List<Long>> got = new TreeMap<>();
            for (int i = 2; i < rows.length; i++) {
                if (!rows[i].isEmpty()) {
                    JsonNode r = JSON.readTree(rows[i]);
                    got.put(
                            r.get(0).asString(),
                            List.of(r.get(1).asLong(), r.get(2).asLong()));
                }
            }
            assertThat(got).isEqualTo(fixture().byCountry(tenant, 15));
            assertThat(lines.body()).as("Druid's trailer: a blank line").endsWith("\n\n");
            Answer csv = post(
                    token,
                    "{\"query\": \"SELECT COUNT(*) FROM sql_sales WHERE tenant = ?\", "
                            + "\"parameters\": [{\"type\": \"VARCHAR\", \"value\": \"globex\"}], \"resultFormat\": \"csv\"}");
            long expectedGlobex =
                    tenant.equals("globex") ? fixture().totals("globex").count() : 0;
            assertThat(csv.body().trim()).isEqualTo(Long.toString(expectedGlobex));
        }
    }

    @Test
    void curlSeesOnlyReadableTablesAndDruidsErrors() {
        String token = TestTokens.token(port, "acme-viewer");
        Answer tables = post(
                token,
                "{\"query\": \"SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE "
                        + "TABLE_SCHEMA = 'druid'\", \"resultFormat\": \"array\"}");
        assertThat(tables.body()).contains("[\"sql_sales\"]").doesNotContain("sql_private");
        Answer hidden = post(token, "{\"query\": \"SELECT * FROM sql_private\"}");
        Answer missing = post(token, "{\"query\": \"SELECT * FROM no_such_table\"}");
        assertThat(hidden.status()).isEqualTo(400);
        JsonNode error = JSON.readTree(hidden.body());
        assertThat(error.path("errorMessage").asString()).isEqualTo("relation \"sql_private\" does not exist");
        assertThat(error.path("context").path("sqlState").asString()).isEqualTo("42P01");
        assertThat(JSON.readTree(missing.body()).path("errorMessage").asString())
                .isEqualTo("relation \"no_such_table\" does not exist");
        assertThat(post(token, "{\"query\": \"SELECT * FROM sys.segments\"}").status())
                .isEqualTo(403);
        assertThat(post(null, "{\"query\": \"SELECT 1\"}").status()).isEqualTo(401);
        Answer context = post(token, "{\"query\": \"SELECT 1\", \"context\": {\"maxSubqueryRows\": 1}}");
        assertThat(context.status()).isEqualTo(400);
        assertThat(context.body()).contains("maxSubqueryRows");
    }

    Connection avatica(String token, boolean protobuf) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "bi");
        properties.setProperty("password", token);
        String url = protobuf
                ? "jdbc:avatica:remote:url=http://127.0.0.1:" + port
                        + "/druid/v2/sql/avatica-protobuf/;serialization=protobuf"
                : "jdbc:avatica:remote:url=http://127.0.0.1:" + port + "/druid/v2/sql/avatica/";
        return DriverManager.getConnection(url, properties);
    }

    @Test
    void avaticasJdbcDriverSeesEachTenantsRowsOverJsonAndProtobuf() throws SQLException {
        for (boolean protobuf : List.of(false, true)) {
            for (String tenant : List.of("acme", "globex")) {
                try (Connection connection = avatica(TestTokens.token(port, tenant + "-viewer"), protobuf)) {
                    DatabaseMetaData meta = connection.getMetaData();
                    List<String> tables = new ArrayList<>();
                    try (ResultSet r = meta.getTables(null, "druid", "%", null)) {
                        while (r.next()) {
                            tables.add(r.getString("TABLE_NAME"));
                        }
                    }
                    assertThat(tables).contains("sql_sales").doesNotContain("sql_private");
                    List<String> columns = new ArrayList<>();
                    try (ResultSet r = meta.getColumns(null, "druid", "sql_sales", null)) {
                        while (r.next()) {
                            columns.add(r.getString("COLUMN_NAME") + ":" + r.getString("TYPE_NAME"));
                        }
                    }
                    assertThat(columns).contains("__time:TIMESTAMP", "tenant:VARCHAR", "quantity:BIGINT");
                    SqlFixture.Totals totals = fixture().totals(tenant);
                    try (Statement statement = connection.createStatement();
                            ResultSet r = statement.executeQuery(
                                    "SELECT COUNT(*) AS n, SUM(quantity) AS q, MIN(__time) AS t FROM sql_sales")) {
                        assertThat(r.next()).isTrue();
                        assertThat(r.getLong("n")).isEqualTo(totals.count());
                        assertThat(r.getLong("q")).isEqualTo(totals.quantity());
                        assertThat(r.getTimestamp("t").toInstant())
                                .isEqualTo(fixture().of(tenant).get(0).at());
                    }
                    try (PreparedStatement statement = connection.prepareStatement(
                            "SELECT country, COUNT(*) AS n, SUM(quantity) AS q FROM sql_sales WHERE quantity >= ? "
                                    + "GROUP BY 1 ORDER BY 1")) {
                        statement.setInt(1, 25);
                        Map<String, List<Long>> got = new TreeMap<>();
                        try (ResultSet r = statement.executeQuery()) {
                            while (r.next()) {
                                got.put(r.getString(1), List.of(r.getLong(2), r.getLong(3)));
                            }
                        }
                        assertThat(got).isEqualTo(fixture().byCountry(tenant, 25));
                    }
                    try (Statement statement = connection.createStatement()) {
                        statement.setFetchSize(100);
                        long rows = 0;
                        try (ResultSet r = statement.executeQuery("SELECT tenant FROM sql_sales")) {
                            while (r.next()) {
                                assertThat(r.getString(1)).isEqualTo(tenant);
                                rows++;
                            }
                        }
                        assertThat(rows).isEqualTo(totals.count());
                    }
                    assertThatThrownBy(() -> connection.createStatement().executeQuery("SELECT * FROM sql_private"))
                            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                                    .isEqualTo("42P01"));
                }
            }
        }
        // Avatica's driver reports a refused OpenConnection as a runtime exception carrying the SQLSTATE
        assertThatThrownBy(() -> avatica("not-a-token", false))
                .isInstanceOfSatisfying(org.apache.calcite.avatica.AvaticaClientRuntimeException.class, e -> {
                    assertThat(e.getSqlState()).isEqualTo("28P01");
                    assertThat(e.getMessage()).contains("password authentication failed");
                });
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.strata.ingestion.audit.AuditTrail audit;

    @Test
    void entriesWrittenTogetherAreKeptInTheirOrderWithEveryField() {
        String subject = "batch-" + System.nanoTime();
        List<io.strata.ingestion.audit.AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            entries.add(io.strata.ingestion.audit.AuditEntry.of(
                    new io.strata.ingestion.Actor(subject, i == 1 ? null : "client-" + i),
                    io.strata.ingestion.audit.AuditAction.SQL_QUERY,
                    i == 2 ? null : "dataset-" + i,
                    "target-" + i,
                    io.strata.ingestion.audit.AuditOutcome.values()[i],
                    "detail " + i));
        }
        audit.recordAll(entries).block(java.time.Duration.ofSeconds(30));
        List<io.strata.ingestion.audit.AuditEntry> read = audit.list(java.util.Set.of(), subject, null, null, 10)
                .collectList()
                .block(java.time.Duration.ofSeconds(30));
        assertThat(read).hasSize(3);
        java.util.Collections.reverse(read); // newest first
        for (int i = 0; i < 3; i++) {
            io.strata.ingestion.audit.AuditEntry e = read.get(i);
            assertThat(e.actor()).isEqualTo(entries.get(i).actor());
            assertThat(e.dataset()).isEqualTo(entries.get(i).dataset());
            assertThat(e.target()).isEqualTo("target-" + i);
            assertThat(e.outcome()).isEqualTo(entries.get(i).outcome());
            assertThat(e.detail()).isEqualTo("detail " + i);
        }
        assertThat(read.get(0).id())
                .isLessThan(read.get(1).id())
                .isLessThan(read.get(2).id());
    }

    @Test
    void everyQueryIsInTheAuditLogWithItsCallerDatasetAndOutcome() {
        String token = TestTokens.token(port, "globex-viewer");
        post(token, "{\"query\": \"SELECT COUNT(*) FROM sql_sales WHERE device = 'audited'\"}");
        post(token, "{\"query\": \"SELECT * FROM sql_private\"}");
        GraphQl admin = GraphQl.as(port, "strata-admin");
        // Entries are written behind the answers: polled until they are in.
        org.awaitility.Awaitility.await("the queries' audit entries")
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Map<String, Object> log = admin.post("{ auditLog(action: [SQL_QUERY], subject: "
                                    + "\"globex-viewer\", first: 50) { edges { node { subject dataset outcome target "
                                    + "detail } } } }")
                            .ok("auditLog");
                    @SuppressWarnings("unchecked")
                    List<Map<String, Map<String, Object>>> edges =
                            (List<Map<String, Map<String, Object>>>) log.get("edges");
                    List<Map<String, Object>> entries =
                            edges.stream().map(edge -> edge.get("node")).toList();
                    assertThat(entries)
                            .anySatisfy(e -> {
                                assertThat(e.get("dataset")).isEqualTo("sql_sales");
                                assertThat(e.get("outcome")).isEqualTo("SUCCEEDED");
                                assertThat((String) e.get("detail")).isEqualTo("http: 1 rows");
                                assertThat((String) e.get("target")).startsWith("strata-");
                            })
                            .anySatisfy(e -> {
                                assertThat(e.get("outcome")).isEqualTo("DENIED");
                                assertThat((String) e.get("detail"))
                                        .isEqualTo("http: relation \"sql_private\" does not exist");
                            });
                });
    }
}
