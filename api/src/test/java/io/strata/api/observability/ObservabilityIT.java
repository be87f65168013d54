package io.strata.api.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.SalesFile;
import io.strata.api.TestTokens;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What an operator sees of a real Strata on the real stack: the Prometheus scrape after an upload and queries, who may
 * read it, and a caller's W3C trace in the logs and in the Druid query ids.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "strata.metrics.scrape-token=" + ObservabilityIT.SCRAPE_TOKEN,
            "logging.level.io.strata.api.observability=DEBUG"
        })
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT {

    static final String SCRAPE_TOKEN = "scrape-0123456789abcdef0123456789abcdef";
    static final int PG_PORT = freePort();
    static final Duration INGESTION = Duration.ofMinutes(3);

    @DynamicPropertySource
    static void sqlPort(DynamicPropertyRegistry registry) {
        registry.add("strata.sql.postgres.port", () -> PG_PORT);
        registry.add("strata.sql.postgres.host", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    WebTestClient anonymous;
    WebTestClient analyst;

    @BeforeEach
    void clients() {
        anonymous = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        analyst = TestTokens.client(port, "strata-analyst");
    }

    @Test
    void theScrapeAfterAnUploadAndQueriesHoldsStrataMetricsAndTheStandardOnes() throws Exception {
        String before = scrape();
        String dataset = "observed_" + Long.toHexString(System.nanoTime());

        String taskId = upload(dataset, SalesFile.generate(11, 500).csv());
        awaitSucceeded(taskId);
        assertThat(kpiCount(dataset, analyst, null)).isEqualTo(500);
        try (Connection sql = pgwire(TestTokens.token(port, "strata-analyst"));
                Statement statement = sql.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + dataset)) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(500);
            String during = scrape();
            assertThat(value(during, "strata_sql_connections", "transport=\"pgwire\""))
                    .isGreaterThanOrEqualTo(1);
        }
        String after = scrape();

        assertThat(increase(before, after, "strata_uploads_total", "outcome=\"stored\""))
                .isEqualTo(1);
        assertThat(increase(before, after, "strata_upload_bytes_count", "")).isEqualTo(1);
        assertThat(increase(before, after, "strata_upload_bytes_sum", "")).isGreaterThan(10_000);
        assertThat(increase(before, after, "strata_upload_rows_total", "result=\"valid\""))
                .isEqualTo(500);
        assertThat(value(after, "strata_upload_rows_total", "result=\"bad\"")).isNotNegative();
        assertThat(increase(before, after, "strata_ingestion_task_transitions_total", "status=\"SUCCEEDED\""))
                .isEqualTo(1);
        assertThat(increase(before, after, "strata_ingestion_task_transitions_total", "status=\"STORED\""))
                .isEqualTo(1);
        assertThat(increase(before, after, "strata_ingestion_task_duration_seconds_count", "status=\"SUCCEEDED\""))
                .isEqualTo(1);
        assertThat(increase(before, after, "strata_druid_query_seconds_count", "kind=\"kpis\",outcome=\"success\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(increase(before, after, "strata_druid_query_seconds_count", "kind=\"sql\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(increase(before, after, "strata_sql_queries_total", "transport=\"pgwire\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(increase(before, after, "strata_sql_connections_opened_total", "transport=\"pgwire\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(after, "cache_gets_total", "cache=\"strata.analytics\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(after, "strata_metadata_cache_total", "")).isGreaterThanOrEqualTo(0);
        assertThat(value(after, "strata_analytics_live_subscribers", "")).isNotNegative();
        assertThat(value(after, "strata_analytics_live_pollers", "")).isNotNegative();
        assertThat(value(after, "strata_ratelimit_refusals_total", "")).isNotNegative();
        assertThat(increase(before, after, "http_server_requests_seconds_count", "uri=\"/graphql\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(after, "jvm_memory_used_bytes", "")).isPositive();
        assertThat(value(after, "r2dbc_pool_acquired_connections", "")).isNotNegative();
    }

    @Test
    void onlyAnAdminOrTheScrapeTokenMayScrapeAndTheScrapeTokenOpensNothingElse() {
        anonymous.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        for (String client : List.of("strata-viewer", "strata-analyst")) {
            TestTokens.client(port, client)
                    .get()
                    .uri("/actuator/prometheus")
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
        TestTokens.client(port, "strata-admin")
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk();
        anonymous
                .get()
                .uri("/actuator/prometheus")
                .headers(h -> h.setBearerAuth(SCRAPE_TOKEN.replace('0', '1')))
                .exchange()
                .expectStatus()
                .isUnauthorized();

        WebTestClient scraper = anonymous
                .mutate()
                .defaultHeaders(h -> h.setBearerAuth(SCRAPE_TOKEN))
                .build();
        scraper.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        scraper.get().uri("/actuator/metrics").exchange().expectStatus().isForbidden();
        scraper.get().uri("/actuator/env").exchange().expectStatus().isForbidden();
        scraper.post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "{ datasets { name } }"))
                .exchange()
                .expectStatus()
                .isForbidden();
        scraper.post()
                .uri("/druid/v2/sql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "SELECT 1"))
                .exchange()
                .expectStatus()
                .isForbidden();
        scraper.post()
                .uri("/api/v1/datasets/scraped/uploads?fileName=a.csv")
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("a,b\n1,2\n")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void aTraceparentReachesTheLogsAndTheDruidQueryIds(CapturedOutput output) {
        String dataset = "traced_" + Long.toHexString(System.nanoTime());
        awaitSucceeded(upload(dataset, SalesFile.generate(12, 300).csv()));

        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";

        String correlation = analyst.post()
                .uri("/graphql")
                .header("traceparent", traceparent)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", kpiQuery(dataset)))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-Correlation-Id");
        assertThat(correlation)
                .as("the correlation id, which Druid's sqlQueryId strata-<correlation>-<n> carries")
                .isEqualTo(traceId);
        Awaitility.await("a log line of the traced request's Druid query")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> output.getOut()
                        .lines()
                        .anyMatch(line -> line.contains("Druid kpis query: success") && line.contains(traceId)));

        String sqlQueryId = analyst.post()
                .uri("/druid/v2/sql")
                .header("traceparent", traceparent)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "SELECT COUNT(*) AS n FROM " + dataset))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-Druid-SQL-Query-Id");
        assertThat(sqlQueryId).startsWith("strata-" + traceId + "-");
        Awaitility.await("a log line of the traced SQL endpoint query")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> output.getOut()
                        .lines()
                        .anyMatch(line -> line.contains("Druid sql query: success") && line.contains(traceId)));
    }

    private String scrape() {
        return anonymous
                .get()
                .uri("/actuator/prometheus")
                .headers(h -> h.setBearerAuth(SCRAPE_TOKEN))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private String upload(String dataset, String csv) {
        Map<String, Object> accepted = analyst.post()
                .uri("/api/v1/datasets/" + dataset + "/uploads?fileName=sales.csv")
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.ACCEPTED)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) accepted.get("taskId");
    }

    @SuppressWarnings("unchecked")
    private void awaitSucceeded(String taskId) {
        String status = Awaitility.await("task " + taskId)
                .atMost(INGESTION)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            Map<String, Object> answer = graphQl(
                                    "{ ingestionTask(id: \"" + taskId + "\") { status error } }", analyst, null);
                            Map<String, Object> task = (Map<String, Object>)
                                    ((Map<String, Object>) answer.get("data")).get("ingestionTask");
                            return (String) task.get("status");
                        },
                        s -> List.of("SUCCEEDED", "FAILED", "CANCELED").contains(s));
        assertThat(status).isEqualTo("SUCCEEDED");
    }

    private static String kpiQuery(String dataset) {
        return "{ kpis(dataset: \"" + dataset + "\", measures: [{aggregate: COUNT}]) { measure value } }";
    }

    @SuppressWarnings("unchecked")
    private long kpiCount(String dataset, WebTestClient client, String traceparent) {
        Map<String, Object> data = (Map<String, Object>)
                graphQl(kpiQuery(dataset), client, traceparent).get("data");
        List<Map<String, Object>> kpis = (List<Map<String, Object>>) data.get("kpis");
        return ((Number) kpis.get(0).get("value")).longValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> graphQl(String query, WebTestClient client, String traceparent) {
        return client.post()
                .uri("/graphql")
                .headers(h -> {
                    if (traceparent != null) {
                        h.set("traceparent", traceparent);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", query))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private Connection pgwire(String token) throws Exception {
        Properties login = new Properties();
        login.setProperty("user", "analyst");
        login.setProperty("password", token);
        login.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PG_PORT + "/strata", login);
    }

    /** The sum of a metric's samples whose labels contain {@code labels} (all of them when empty); 0 when none. */
    static double value(String scrape, String name, String labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([-+0-9.eE]+|NaN)$")
                .matcher(scrape);
        double sum = 0;
        boolean found = false;
        while (sample.find()) {
            String these = sample.group(1) == null ? "" : sample.group(1);
            if (these.contains(labels)) {
                found = true;
                sum += Double.parseDouble(sample.group(2));
            }
        }
        assertThat(found).as("a sample of %s{%s} in the scrape", name, labels).isTrue();
        return sum;
    }

    /** How much a metric grew between two scrapes (a metric absent before counts from 0). */
    static double increase(String before, String after, String name, String labels) {
        double then = before.lines().anyMatch(line -> line.startsWith(name) && line.contains(labels))
                ? value(before, name, labels)
                : 0;
        return value(after, name, labels) - then;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zeros, which W3C calls invalid
        return bytes;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
