package io.strata.api.bench;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.strata.api.SalesFile;
import io.strata.api.StrataApplication;
import io.strata.stack.SharedStack;
import io.strata.stack.StackEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same KPI and time-series questions asked six ways in one run, sequentially from one client: straight to
 * Druid SQL (Avatica JDBC, one open connection, the SQL Strata renders); over JDBC with a new connection per query
 * carrying the query's context, as Strata's {@code AvaticaDruidSql} must; over Druid's SQL HTTP API with the context
 * in each request; through Strata's GraphQL with the result cache off (every request reaches Druid); through Strata
 * with the cache on (every request after the first is a hit); and that again with the JDK's HTTP client. The HTTP
 * paths use the HTTP client Avatica's driver uses (Apache HttpClient 5, classic), so the client costs every path
 * alike. {@code bench.paths} (name prefixes separated by ';') runs only some paths besides the baseline. Reports
 * p50/p95 per path and the ratios.
 *
 * <p>Run: {@code ./mvnw -B -o -pl 'api,!web' -am verify -Pbench -DskipTests -Dstrata.test.base-port=28700
 * -Dstrata.test.database=strata_test_analytics [-Dbench.rows=100000 -Dbench.iterations=200]}. Not part of the
 * default build. Results also go to {@code api/target/bench/analytics-benchmark.txt}.
 */
public final class AnalyticsBenchmark {

    private static final String DATASET = "bench_sales";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The HTTP client of the HTTP paths (Druid's SQL API, Strata's GraphQL): Apache HttpClient 5, classic and blocking
     * on the caller's thread, the client Avatica's JDBC driver itself sends the baseline's queries with, so every path
     * pays the same client. The JDK's {@code java.net.http} client hands each exchange to its selector thread and
     * back; the extra cached path {@link #graphQlJdk} shows what that costs.
     */
    private final CloseableHttpClient http = HttpClients.createDefault();

    private final HttpClient jdkHttp =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int iterations;
    private final int warmup;
    private final int warmupMax;
    /**
     * Think time before each measured request ({@code bench.think-ms}, default 0: back to back). On a 2-core machine
     * that also runs Druid, Druid's processes may still be busy after they answer; a pause lets each request start on
     * a settled machine. Measured: 25 ms changed no ratio by more than the run-to-run noise.
     */
    private final long thinkNanos =
            Duration.ofMillis(Long.getLong("bench.think-ms", 0)).toNanos();
    /**
     * Requests per path per turn ({@code bench.block}, default 1: every request follows another path's). On a 2-core
     * machine that also runs Druid, a request right after a Druid query shares the cores with the work Druid's
     * processes still do after answering; a cached answer, 20-30 times shorter than a query, pays that far more than
     * the query does. With blocks, most requests follow one of their own path, as on a deployment where Druid has its
     * own machines, while turns still rotate so that outside load falls on every path alike.
     */
    private final int block = Math.max(1, Integer.getInteger("bench.block", 1));
    /** The bearer token per server, from each context's local issuer (both run in the local profile). */
    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

    private AnalyticsBenchmark(int iterations, int warmup, int warmupMax) {
        this.iterations = iterations;
        this.warmup = warmup;
        this.warmupMax = warmupMax;
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 100_000);
        int iterations = Integer.getInteger("bench.iterations", 200);
        int warmup = Integer.getInteger("bench.warmup", 1000);
        int warmupMax = Integer.getInteger("bench.warmup-max", 10_000);
        StackEndpoints stack = SharedStack.endpoints();
        ConfigurableApplicationContext uncached = start(false);
        ConfigurableApplicationContext cached = start(true);
        try {
            new AnalyticsBenchmark(iterations, warmup, warmupMax).run(stack, uncached, cached, rows);
        } finally {
            cached.close();
            uncached.close();
            SharedStack.stop();
        }
    }

    private static ConfigurableApplicationContext start(boolean cache) {
        return SpringApplication.run(
                StrataApplication.class,
                "--server.port=0",
                "--strata.sql.postgres.port=0", // two servers in one JVM; the SQL endpoint is not measured here
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--strata.analytics.rate-limit.enabled=false",
                "--strata.analytics.cache.enabled=" + cache);
    }

    private void run(
            StackEndpoints stack,
            ConfigurableApplicationContext uncached,
            ConfigurableApplicationContext cached,
            int rows)
            throws Exception {
        String direct = url(uncached);
        String withCache = url(cached);
        tokens.put(direct, token(uncached));
        tokens.put(withCache, token(cached));
        SalesFile file = SalesFile.generate(2024, rows);
        long loading = System.nanoTime();
        ingest(direct, file.csv());
        System.out.printf(Locale.ROOT, "Loaded %d rows in %.1f s%n", rows, (System.nanoTime() - loading) / 1e9);

        Instant start = file.sales().get(0).at();
        Instant end = file.sales().get(file.sales().size() - 1).at().plusSeconds(1);
        String kpis =
                """
                query($start: DateTime, $end: DateTime) { kpis(dataset: "bench_sales",
                  measures: [{name: "count"}, {name: "quantity"}, {name: "revenue"}],
                  interval: {start: $start, end: $end}) { measure value } }
                """;
        String timeseries =
                """
                query($start: DateTime, $end: DateTime) { timeseries(dataset: "bench_sales",
                  measures: [{name: "count"}, {name: "revenue"}], granularity: DAY,
                  interval: {start: $start, end: $end}) { time values { value } } }
                """;
        String kpiSql = "SELECT COUNT(*) AS \"m0\", SUM(\"quantity\") AS \"m1\", SUM(\"revenue\") AS \"m2\" FROM "
                + "\"bench_sales\" WHERE __time >= MILLIS_TO_TIMESTAMP(CAST(? AS BIGINT)) AND __time < MILLIS_TO_TIMESTAMP(CAST(? AS BIGINT))";
        String timeseriesSql =
                "SELECT TIMESTAMP_TO_MILLIS(TIME_FLOOR(\"__time\", CAST(? AS VARCHAR), NULL, CAST(? AS VARCHAR))) AS \"t\", COUNT(*) AS"
                        + " \"m0\", SUM(\"revenue\") AS \"m1\" FROM \"bench_sales\" WHERE __time >= MILLIS_TO_TIMESTAMP(CAST(? AS BIGINT)) AND"
                        + " __time < MILLIS_TO_TIMESTAMP(CAST(? AS BIGINT)) GROUP BY 1 ORDER BY 1 LIMIT 10000";
        Map<String, Object> variables = Map.of("start", start.toString(), "end", end.toString());

        StringBuilder report = new StringBuilder();
        report.append(String.format(
                Locale.ROOT,
                "Analytics benchmark: %d rows, %d requests per path (paths interleaved in turns of %d requests, rotating "
                        + "order, %d ms think time before each request), each path first warmed until steady (batches "
                        + "of %d, at most %d requests), one client%n",
                rows,
                iterations,
                block,
                Duration.ofNanos(thinkNanos).toMillis(),
                warmup,
                warmupMax));
        report.append(String.format(
                Locale.ROOT,
                "%-11s %-26s %7s %9s %11s %8s%n",
                "query",
                "path",
                "p50 ms",
                "p95 ms",
                "p50 / Druid",
                "warm-up"));
        try (Connection druid = druid(stack)) {
            for (String[] q : new String[][] {{"kpis", kpis, kpiSql}, {"timeseries", timeseries, timeseriesSql}}) {
                List<Object> parameters = q[0].equals("kpis")
                        ? List.of(start.toEpochMilli(), end.toEpochMilli())
                        : List.of("P1D", "UTC", start.toEpochMilli(), end.toEpochMilli());
                Map<String, Call> paths = new java.util.LinkedHashMap<>();
                paths.put("Druid SQL (JDBC)", () -> jdbc(druid, q[2], parameters));
                paths.put("JDBC, connection per query", () -> jdbcConnectionPerQuery(stack, q[2], parameters));
                paths.put("Druid SQL over HTTP", () -> httpSql(stack, q[2], parameters));
                paths.put("Strata GraphQL, no cache", () -> graphQl(direct, q[1], variables));
                paths.put("Strata GraphQL, cached", () -> graphQl(withCache, q[1], variables));
                paths.put("cached, java.net.http", () -> graphQlJdk(withCache, q[1], variables));
                // bench.paths: the paths to run, by name prefix, separated by ';'; the baseline always runs.
                List<String> only =
                        List.of(System.getProperty("bench.paths", "").split(";"));
                paths.keySet()
                        .removeIf(name -> !name.equals("Druid SQL (JDBC)")
                                && only.stream().noneMatch(prefix -> name.startsWith(prefix.strip())));
                double[][] times = measure(paths.values().toArray(Call[]::new));
                int p = 0;
                for (String name : paths.keySet()) {
                    line(report, q[0], name, times[p++], times[0]);
                }
            }
        }
        report.append(
                String.format(Locale.ROOT, "load average during the run (1/5/15 min): %s%n", Machine.loadAverage()));
        report.append(String.format(
                Locale.ROOT,
                "cache (cached instance): whole answers %.0f hits, %.0f misses; Druid results %.0f hits, %.0f misses%n",
                responses(cached, "hit"),
                responses(cached, "miss"),
                cacheGets(cached, "hit"),
                cacheGets(cached, "miss")));
        System.out.print(report);
        Path out = Path.of("target", "bench", "analytics-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    /**
     * Warms each path until it is steady, then runs the paths in turns of {@link #block} requests, rotating which goes
     * first each round, so that load from other processes on the machine falls on every path alike; returns {p50,
     * p95, warm-up requests} per path.
     */
    private double[][] measure(Call... paths) throws Exception {
        double[] warmedWith = new double[paths.length];
        for (int p = 0; p < paths.length; p++) {
            warmedWith[p] = warm(paths[p]);
        }
        int turns = (iterations + block - 1) / block;
        double[][] millis = new double[paths.length][turns * block];
        for (int turn = 0; turn < turns; turn++) {
            for (int k = 0; k < paths.length; k++) {
                int p = (turn + k) % paths.length;
                for (int b = 0; b < block; b++) {
                    java.util.concurrent.locks.LockSupport.parkNanos(thinkNanos);
                    long t0 = System.nanoTime();
                    paths[p].run();
                    millis[p][turn * block + b] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        double[][] result = new double[paths.length][];
        for (int p = 0; p < paths.length; p++) {
            Arrays.sort(millis[p]);
            result[p] = new double[] {percentile(millis[p], 0.50), percentile(millis[p], 0.95), warmedWith[p]};
        }
        return result;
    }

    /**
     * Runs one path in batches of {@code bench.warmup} requests until it is steady — a batch whose p50 is not 5%
     * better than the batch before — or {@code bench.warmup-max} requests. The JIT compiles a request path after
     * thousands of calls (one Strata server took about 6,000 cached requests to settle), so a fixed, short warm-up
     * measured Strata's code half-compiled; every path gets the same rule. Returns the requests it took.
     */
    private int warm(Call path) throws Exception {
        double previous = Double.MAX_VALUE;
        int requests = 0;
        while (requests < warmupMax) {
            double[] batch = new double[warmup];
            for (int i = 0; i < warmup; i++) {
                long t0 = System.nanoTime();
                path.run();
                batch[i] = (System.nanoTime() - t0) / 1e6;
            }
            requests += warmup;
            Arrays.sort(batch);
            double p50 = percentile(batch, 0.50);
            if (p50 > previous * 0.95) {
                break;
            }
            previous = p50;
        }
        return requests;
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void line(StringBuilder report, String query, String path, double[] times, double[] druid) {
        report.append(String.format(
                Locale.ROOT,
                "%-11s %-26s %7.2f %9.2f %10.2fx %8.0f%n",
                query,
                path,
                times[0],
                times[1],
                times[0] / druid[0],
                times[2]));
    }

    private static Connection druid(StackEndpoints stack) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("sqlTimeZone", "UTC");
        properties.setProperty("useApproximateCountDistinct", "false");
        return DriverManager.getConnection(stack.avaticaUrl(), properties);
    }

    private static void jdbc(Connection connection, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    for (int c = 1; c <= columns; c++) {
                        result.getObject(c);
                    }
                }
            }
        }
    }

    /**
     * What Strata's {@code AvaticaDruidSql} does per query: a new Avatica connection whose properties carry the
     * query's context (Druid 33 takes context from nowhere else over JDBC), one prepared statement, then close.
     */
    private void jdbcConnectionPerQuery(StackEndpoints stack, String sql, List<Object> parameters) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("sqlTimeZone", "UTC");
        properties.setProperty("useApproximateCountDistinct", "false");
        properties.setProperty("timeout", "30000");
        properties.setProperty("sqlQueryId", "bench-jdbc-" + sequence.incrementAndGet());
        try (Connection connection = DriverManager.getConnection(stack.avaticaUrl(), properties)) {
            jdbc(connection, sql, parameters);
        }
    }

    /**
     * The same SQL through Druid's SQL HTTP API, which takes the context (sqlQueryId, timeout, ...) and typed
     * parameters with every request: one round trip on a kept-alive connection.
     */
    private void httpSql(StackEndpoints stack, String sql, List<Object> parameters)
            throws IOException, InterruptedException {
        List<Map<String, Object>> typed = parameters.stream()
                .map(p -> Map.<String, Object>of("type", p instanceof Long ? "BIGINT" : "VARCHAR", "value", p))
                .toList();
        Map<String, Object> context = Map.of(
                "sqlQueryId",
                "bench-http-" + sequence.incrementAndGet(),
                "sqlTimeZone",
                "UTC",
                "useApproximateCountDistinct",
                false,
                "timeout",
                30000);
        String body = JSON.writeValueAsString(
                Map.of("query", sql, "parameters", typed, "context", context, "resultFormat", "array"));
        HttpPost post = new HttpPost(stack.druidBrokerUrl() + "/druid/v2/sql/");
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        String answer = http.execute(post, response -> {
            String text = EntityUtils.toString(response.getEntity());
            if (response.getCode() != 200) {
                throw new IllegalStateException("Druid SQL over HTTP answered " + response.getCode() + ": " + text);
            }
            return text;
        });
        if (JSON.readTree(answer).isEmpty()) {
            throw new IllegalStateException("Druid SQL over HTTP answered no rows: " + answer);
        }
    }

    private JsonNode graphQl(String base, String document, Map<String, Object> variables) throws IOException {
        HttpPost post = new HttpPost(base + "/graphql");
        post.setHeader("Authorization", "Bearer " + tokens.get(base));
        post.setEntity(new StringEntity(
                JSON.writeValueAsString(Map.of("query", document, "variables", variables)),
                ContentType.APPLICATION_JSON));
        return answer(http.execute(post, response -> EntityUtils.toString(response.getEntity())));
    }

    /** As {@link #graphQl}, through the JDK's {@code java.net.http} client (HTTP/1.1, kept alive). */
    private JsonNode graphQlJdk(String base, String document, Map<String, Object> variables)
            throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("query", document, "variables", variables));
        HttpResponse<String> response = jdkHttp.send(
                HttpRequest.newBuilder(URI.create(base + "/graphql"))
                        .version(HttpClient.Version.HTTP_1_1)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + tokens.get(base))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return answer(response.body());
    }

    private static JsonNode answer(String body) {
        JsonNode json = JSON.readTree(body);
        if (json.has("errors")) {
            throw new IllegalStateException("GraphQL errors: " + json.get("errors"));
        }
        return json;
    }

    private void ingest(String base, String csv) throws Exception {
        String boundary = "bench" + System.nanoTime();
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> accepted = jdkHttp.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets/" + DATASET + "/uploads"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Authorization", "Bearer " + tokens.get(base))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("upload refused: " + accepted.statusCode() + " " + accepted.body());
        }
        String taskId = JSON.readTree(accepted.body()).get("taskId").asString();
        JsonNode task = org.awaitility.Awaitility.await("ingestion " + taskId)
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> graphQl(
                                        base,
                                        "query($id: ID!) { ingestionTask(id: $id) { status error } }",
                                        Map.of("id", taskId))
                                .path("data")
                                .path("ingestionTask"),
                        t -> List.of("SUCCEEDED", "FAILED", "CANCELED")
                                .contains(t.path("status").asString()));
        if (!task.path("status").asString().equals("SUCCEEDED")) {
            throw new IllegalStateException("ingestion " + task.path("status").asString() + ": " + task.path("error"));
        }
    }

    private static String token(ConfigurableApplicationContext context) {
        return context.getBean(io.strata.api.security.LocalTokenIssuer.class)
                .issue("strata-analyst")
                .value();
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    private static double cacheGets(ConfigurableApplicationContext context, String result) {
        FunctionCounter counter = context.getBean(MeterRegistry.class)
                .find("cache.gets")
                .tag("cache", "strata.analytics")
                .tag("result", result)
                .functionCounter();
        return counter == null ? Double.NaN : counter.count();
    }

    private static double responses(ConfigurableApplicationContext context, String result) {
        io.micrometer.core.instrument.Counter counter = context.getBean(MeterRegistry.class)
                .find("strata.analytics.responses")
                .tag("result", result)
                .counter();
        return counter == null ? Double.NaN : counter.count();
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }
}
