package io.strata.api.bench;

import io.strata.api.SalesFile;
import io.strata.api.StrataApplication;
import io.strata.stack.SharedStack;
import io.strata.stack.StackEndpoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * The SQL endpoint against Druid in one run, one client, the same SQL every way: straight to Druid's broker (its SQL
 * HTTP API), through Strata's {@code POST /druid/v2/sql} (same request, with a bearer token), and over Strata's
 * PostgreSQL protocol (PgJDBC, one connection, a prepared statement, so binary results past its threshold). p50 and
 * p95 per path and their ratio to Druid's, paths interleaved request by request, each first warmed until steady.
 * Then a result of {@code bench.stream-rows} rows (the dataset's rows times an UNNEST of a small array, so no
 * dataset that large is loaded) read to the end through each path, in rows per second.
 *
 * <p>Run: {@code ./mvnw -B -o -pl 'api,!web' -am verify -Pbench-sql -DskipTests -Dstrata.test.base-port=30700
 * -Dstrata.test.database=strata_test_sql [-Dbench.rows=100000 -Dbench.iterations=300]}. Not part of the default
 * build. The report also goes to {@code api/target/bench/sql-endpoint-benchmark.txt}.
 */
public final class SqlEndpointBenchmark {

    private static final String DATASET = "bench_sql_sales";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CloseableHttpClient http = HttpClients.createDefault();
    private final HttpClient jdkHttp = HttpClient.newBuilder().build();
    private final int iterations = Integer.getInteger("bench.iterations", 300);
    private final int warmup = Integer.getInteger("bench.warmup", 500);
    private final int warmupMax = Integer.getInteger("bench.warmup-max", 5000);
    private final long streamRows = Long.getLong("bench.stream-rows", 1_000_000);
    private final int streamRounds = Integer.getInteger("bench.stream-rounds", 3);
    private String token;

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 100_000);
        long streamRows = Long.getLong("bench.stream-rows", 1_000_000);
        int pgPort = freePort();
        StackEndpoints stack = SharedStack.endpoints();
        ConfigurableApplicationContext strata = SpringApplication.run(
                StrataApplication.class,
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--strata.analytics.rate-limit.enabled=false",
                "--strata.sql.postgres.port=" + pgPort,
                "--strata.sql.max-rows=" + (streamRows * 2),
                "--strata.sql.max-bytes=8GB");
        try {
            new SqlEndpointBenchmark().run(stack, strata, pgPort, rows);
        } finally {
            strata.close();
            SharedStack.stop();
        }
    }

    private void run(StackEndpoints stack, ConfigurableApplicationContext strata, int pgPort, int rows)
            throws Exception {
        String base = "http://localhost:" + strata.getEnvironment().getProperty("local.server.port");
        token = strata.getBean(io.strata.api.security.LocalTokenIssuer.class)
                .issue("strata-analyst")
                .value();
        SalesFile file = SalesFile.generate(2024, rows);
        long loading = System.nanoTime();
        ingest(base, file.csv());
        System.out.printf(Locale.ROOT, "Loaded %d rows in %.1f s%n", rows, (System.nanoTime() - loading) / 1e9);
        Instant start = file.sales().get(0).at();
        Instant end = file.sales().get(file.sales().size() - 1).at().plusSeconds(1);
        String broker = stack.druidBrokerUrl().replaceAll("/+$", "");

        String kpis = "SELECT COUNT(*) AS n, SUM(quantity) AS q, SUM(revenue) AS r FROM " + DATASET
                + " WHERE __time >= MILLIS_TO_TIMESTAMP(?) AND __time < MILLIS_TO_TIMESTAMP(?)";
        String groups = "SELECT country, device, COUNT(*) AS n, SUM(revenue) AS r FROM " + DATASET
                + " WHERE __time >= MILLIS_TO_TIMESTAMP(?) AND __time < MILLIS_TO_TIMESTAMP(?)"
                + " GROUP BY country, device ORDER BY country, device";
        StringBuilder report = new StringBuilder();
        report.append(String.format(
                Locale.ROOT,
                "SQL endpoint benchmark: %d rows, %d requests per path interleaved one by one, each path first "
                        + "warmed until steady (batches of %d, at most %d), one client%n",
                rows,
                iterations,
                warmup,
                warmupMax));
        report.append(String.format(
                Locale.ROOT,
                "%-8s %-32s %8s %8s %12s %8s%n",
                "query",
                "path",
                "p50 ms",
                "p95 ms",
                "p50 / Druid",
                "warm-up"));
        Properties properties = new Properties();
        properties.setProperty("user", "bench");
        properties.setProperty("password", token);
        properties.setProperty("sslmode", "disable");
        try (Connection pg =
                DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/strata", properties)) {
            for (String[] q : new String[][] {{"kpis", kpis}, {"groups", groups}}) {
                String body = JSON.writeValueAsString(Map.of(
                        "query",
                        q[1],
                        "resultFormat",
                        "array",
                        "parameters",
                        List.of(
                                Map.of("type", "BIGINT", "value", start.toEpochMilli()),
                                Map.of("type", "BIGINT", "value", end.toEpochMilli())),
                        "context",
                        Map.of("sqlTimeZone", "UTC")));
                PreparedStatement statement = pg.prepareStatement(q[1]);
                statement.setLong(1, start.toEpochMilli());
                statement.setLong(2, end.toEpochMilli());
                Map<String, Call> paths = new LinkedHashMap<>();
                paths.put("Druid broker, HTTP SQL", () -> post(broker + "/druid/v2/sql", body, false));
                paths.put("Strata /druid/v2/sql", () -> post(base + "/druid/v2/sql", body, true));
                paths.put("Strata PostgreSQL (PgJDBC)", () -> read(statement));
                double[][] times = measure(paths.values().toArray(Call[]::new));
                int p = 0;
                for (String name : paths.keySet()) {
                    report.append(String.format(
                            Locale.ROOT,
                            "%-8s %-32s %8.2f %8.2f %11.2fx %8.0f%n",
                            q[0],
                            name,
                            times[p][0],
                            times[p][1],
                            times[p][0] / times[0][0],
                            times[p][2]));
                    p++;
                }
                statement.close();
            }
            report.append(stream(broker, base, pg, rows));
        }
        report.append(String.format(Locale.ROOT, "load average during the run (1/5/15 min): %s%n", loadAverage()));
        System.out.print(report);
        Path out = Path.of("target", "bench", "sql-endpoint-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    /** A large result read to its end through each path, several rounds interleaved: rows per second. */
    private String stream(String broker, String base, Connection pg, int rows) throws Exception {
        int copies = (int) Math.max(1, (streamRows + rows - 1) / rows);
        StringBuilder array = new StringBuilder();
        for (int i = 1; i <= copies; i++) {
            array.append(i == 1 ? "" : ", ").append(i);
        }
        String sql = "SELECT __time, country, device, quantity, revenue, x FROM " + DATASET
                + " CROSS JOIN UNNEST(ARRAY[" + array + "]) AS u(x)";
        String body = JSON.writeValueAsString(
                Map.of("query", sql, "resultFormat", "arrayLines", "context", Map.of("sqlTimeZone", "UTC")));
        Map<String, StreamCall> paths = new LinkedHashMap<>();
        paths.put("Druid broker, arrayLines", () -> lines(broker + "/druid/v2/sql", body, false));
        paths.put("Strata /druid/v2/sql, arrayLines", () -> lines(base + "/druid/v2/sql", body, true));
        paths.put("Strata PostgreSQL (PgJDBC, fetch 10000)", () -> cursor(pg, sql));
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        paths.keySet().forEach(name -> rates.put(name, new ArrayList<>()));
        long expected = (long) rows * copies;
        for (int round = 0; round < streamRounds + 1; round++) {
            for (Map.Entry<String, StreamCall> path : paths.entrySet()) {
                long t0 = System.nanoTime();
                long n = path.getValue().run();
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (n != expected) {
                    throw new IllegalStateException(path.getKey() + " read " + n + " rows, not " + expected);
                }
                if (round > 0) { // the first round warms up
                    rates.get(path.getKey()).add(n / seconds);
                }
            }
        }
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "%nstreaming %,d rows (%d rounds after one of warm-up), rows/s median:%n",
                expected,
                streamRounds));
        double druid = median(rates.values().iterator().next());
        rates.forEach((name, values) -> report.append(String.format(
                Locale.ROOT, "%-42s %12.0f rows/s %8.2fx of Druid%n", name, median(values), median(values) / druid)));
        return report.toString();
    }

    private double[][] measure(Call... paths) throws Exception {
        double[] warmedWith = new double[paths.length];
        for (int p = 0; p < paths.length; p++) {
            warmedWith[p] = warm(paths[p]);
        }
        double[][] millis = new double[paths.length][iterations];
        for (int i = 0; i < iterations; i++) {
            for (int k = 0; k < paths.length; k++) {
                int p = (i + k) % paths.length;
                long t0 = System.nanoTime();
                paths[p].run();
                millis[p][i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double[][] result = new double[paths.length][];
        for (int p = 0; p < paths.length; p++) {
            Arrays.sort(millis[p]);
            result[p] = new double[] {percentile(millis[p], 0.5), percentile(millis[p], 0.95), warmedWith[p]};
        }
        return result;
    }

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
            double p50 = percentile(batch, 0.5);
            if (p50 > previous * 0.95) {
                break;
            }
            previous = p50;
        }
        return requests;
    }

    private void post(String url, String body, boolean authenticated) throws IOException {
        HttpPost post = new HttpPost(url);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        if (authenticated) {
            post.setHeader("Authorization", "Bearer " + token);
        }
        http.execute(post, response -> {
            String answer = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            if (response.getCode() != 200 || answer.length() < 3) {
                throw new IllegalStateException(url + " answered " + response.getCode() + ": " + answer);
            }
            return answer;
        });
    }

    private static void read(PreparedStatement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                for (int c = 1; c <= columns; c++) {
                    result.getObject(c);
                }
            }
        }
    }

    /** Reads an arrayLines answer line by line as it streams; answers the rows (lines that are not blank). */
    private long lines(String url, String body, boolean authenticated) throws IOException {
        HttpPost post = new HttpPost(url);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        if (authenticated) {
            post.setHeader("Authorization", "Bearer " + token);
        }
        return http.execute(post, response -> {
            if (response.getCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.getCode());
            }
            long n = 0;
            try (InputStream in = response.getEntity().getContent();
                    BufferedReader reader =
                            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isEmpty()) {
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /** Reads the result through a PgJDBC cursor (fetch size 10,000 in a transaction): rows stream in batches. */
    private static long cursor(Connection pg, String sql) throws SQLException {
        pg.setAutoCommit(false);
        try (PreparedStatement statement = pg.prepareStatement(sql)) {
            statement.setFetchSize(10_000);
            long n = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    result.getObject(1);
                    result.getString(2);
                    result.getLong(4);
                    result.getDouble(5);
                    n++;
                }
            }
            return n;
        } finally {
            pg.commit();
            pg.setAutoCommit(true);
        }
    }

    private void ingest(String base, String csv) throws Exception {
        String boundary = "bench" + System.nanoTime();
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> accepted = jdkHttp.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets/" + DATASET + "/uploads"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("upload refused: " + accepted.statusCode() + " " + accepted.body());
        }
        String taskId = JSON.readTree(accepted.body()).get("taskId").asString();
        String query = JSON.writeValueAsString(Map.of(
                "query",
                "query($id: ID!) { ingestionTask(id: $id) { status error } }",
                "variables",
                Map.of("id", taskId)));
        JsonNode task = org.awaitility.Awaitility.await("ingestion " + taskId)
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> JSON.readTree(jdkHttp.send(
                                                HttpRequest.newBuilder(URI.create(base + "/graphql"))
                                                        .header("Content-Type", "application/json")
                                                        .header("Authorization", "Bearer " + token)
                                                        .POST(HttpRequest.BodyPublishers.ofString(query))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .body())
                                .path("data")
                                .path("ingestionTask"),
                        t -> List.of("SUCCEEDED", "FAILED", "CANCELED")
                                .contains(t.path("status").asString()));
        if (!task.path("status").asString().equals("SUCCEEDED")) {
            throw new IllegalStateException("ingestion " + task.path("status").asString() + ": " + task.path("error"));
        }
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface StreamCall {
        long run() throws Exception;
    }
}
