package io.strata.api.bench;

import io.strata.api.SalesFile;
import io.strata.api.StrataApplication;
import io.strata.api.security.LocalTokenIssuer;
import io.strata.ingestion.druid.DruidSettings;
import io.strata.stack.Component;
import io.strata.stack.SharedStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strata under load, as dashboards load it, over a million-row dataset:
 *
 * <ol>
 *   <li><b>Mixed.</b> {@code bench.load.clients} clients (200), each with its own token, so each has its own
 *       per-client rate limit as in production; each asks a question, waits a think time (0 to twice
 *       {@code bench.load.think-ms}), asks the next, for {@code bench.load.seconds} (300). Questions mix kpis,
 *       timeseries, topN and table, with and without a country filter, over a few fixed intervals (asked again and
 *       again: cached answers) and over intervals shifted by a unique millisecond (never asked twice: Druid
 *       answers). Reports p50/p99 per kind, cached and uncached, and the errors.
 *   <li><b>Saturation.</b> {@code bench.load.concurrency} (50) connections asking uncached KPI and time-series
 *       questions back to back, in blocks of {@code bench.load.block-seconds} alternating Strata and the same SQL
 *       sent straight to Druid's broker; reports requests/s of each and their ratio, and where this JVM's CPU went.
 * </ol>
 *
 * <p>Every answer is checked: an HTTP status other than 200, a GraphQL {@code errors} member (a refusal such as
 * RATE_LIMITED arrives with HTTP 200) or a missing {@code data} counts as an error, never as a success.
 *
 * <p>Run: {@code ./mvnw -B -pl api -am verify -Pbench-load -DskipTests -Dstrata.test.base-port=28300
 * [-Dbench.load.clients=200 -Dbench.load.seconds=300 -Dbench.load.concurrency=50]}. Not part of the default build.
 * Results also go to {@code api/target/bench/load-benchmark.txt}.
 */
public final class LoadBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DATASET = "bench_load";
    private static final String[] COUNTRIES = {"FR", "DE", "US", "JP", "BR"};
    private static final String[] KINDS = {"kpis", "timeseries", "topN", "table"};
    /** The generated rows span 2024-03-01 to 2037: questions ask about one to four years of it. */
    private static final Instant FIRST = Instant.parse("2024-03-01T00:00:00Z");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4, LoadBenchmark::daemon))
            .build();
    private final String graphQl;
    private final String brokerSql;
    private final List<String> tokens = new ArrayList<>();
    private final AtomicLong unique = new AtomicLong();
    private final StringBuilder report = new StringBuilder();

    private LoadBenchmark(ConfigurableApplicationContext strata, int clients) {
        this.graphQl = "http://localhost:" + strata.getEnvironment().getProperty("local.server.port") + "/graphql";
        this.brokerSql =
                strata.getBean(DruidSettings.class).brokerUrl().toString().replaceAll("/$", "") + "/druid/v2/sql";
        LocalTokenIssuer issuer = strata.getBean(LocalTokenIssuer.class);
        for (int i = 0; i < clients; i++) {
            tokens.add(issuer.issue("load-" + i, Duration.ofHours(2)).value());
        }
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.load.clients", 200);
        int rows = Integer.getInteger("bench.load.rows", 1_000_000);
        Path file = Files.createDirectories(Path.of("target", "bench", "files")).resolve("load-" + rows + ".csv");
        SalesFile.write(7, rows, file);
        SharedStack.endpoints(System::getProperty, EnumSet.allOf(Component.class));
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--strata.sql.postgres.port=0",
                "--logging.level.root=WARN"));
        for (int i = 0; i < Math.max(clients, Integer.getInteger("bench.load.concurrency", 50)); i++) {
            arguments.add("--strata.security.local-issuer.clients.load-" + i + ".roles=analyst");
        }
        ConfigurableApplicationContext strata =
                SpringApplication.run(StrataApplication.class, arguments.toArray(String[]::new));
        try {
            LoadBenchmark bench = new LoadBenchmark(strata, Math.max(clients, 50));
            bench.upload(file);
            long seconds = Long.getLong("bench.load.seconds", 300);
            if (seconds > 0) {
                bench.mixed(clients, Duration.ofSeconds(seconds));
            }
            bench.saturation(Integer.getInteger("bench.load.concurrency", 50));
            Files.writeString(Path.of("target", "bench", "load-benchmark.txt"), bench.report);
        } finally {
            strata.close();
            SharedStack.stop();
        }
    }

    private void upload(Path file) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(graphQl.replace(
                                "/graphql", "/api/v1/datasets/" + DATASET + "/uploads?fileName=load.csv")))
                        .header("Content-Type", "text/csv")
                        .header("Authorization", "Bearer " + tokens.get(0))
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String taskId = JSON.readTree(answer.body()).path("taskId").asString();
        String query = "{\"query\":\"{ ingestionTask(id: \\\"" + taskId + "\\\") { status error } }\"}";
        for (long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10); System.nanoTime() < deadline; ) {
            String status = JSON.readTree(post(graphQl, tokens.get(0), query))
                    .path("data")
                    .path("ingestionTask")
                    .path("status")
                    .asString();
            if (status.equals("SUCCEEDED")) {
                return;
            }
            if (status.equals("FAILED")) {
                throw new IllegalStateException("the benchmark's dataset failed to ingest: " + answer.body());
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the benchmark's dataset did not become queryable in 10 minutes");
    }

    // ---- Mixed load -------------------------------------------------------------------------------------------

    private record Question(String kind, boolean cached, String body) {}

    private Question question() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String kind = KINDS[random.nextInt(KINDS.length)];
        boolean cached = random.nextBoolean();
        Instant start = FIRST.plus(Duration.ofDays(365L * random.nextInt(cached ? 3 : 9)));
        Instant end = start.plus(Duration.ofDays(365L * (1 + random.nextInt(3))));
        if (!cached) {
            start = start.plusMillis(unique.incrementAndGet()); // never asked before
        }
        String filter = random.nextInt(3) == 0
                ? ""
                : ", filter: {dimension: \\\"country\\\", in: [\\\"" + COUNTRIES[random.nextInt(5)] + "\\\", \\\""
                        + COUNTRIES[random.nextInt(5)] + "\\\"]}";
        String interval = ", interval: {start: \\\"" + start + "\\\", end: \\\"" + end + "\\\"}";
        String measures = "[{aggregate: COUNT}, {column: \\\"revenue\\\", aggregate: SUM}]";
        String field =
                switch (kind) {
                    case "kpis" -> "kpis(dataset: \\\"" + DATASET + "\\\", measures: " + measures + filter + interval
                            + ") { measure value }";
                    case "timeseries" -> "timeseries(dataset: \\\"" + DATASET + "\\\", measures: " + measures
                            + ", granularity: MONTH" + filter + interval + ") { time values { value } }";
                    case "topN" -> "topN(dataset: \\\"" + DATASET + "\\\", dimension: \\\"device\\\", measure: "
                            + "{column: \\\"revenue\\\", aggregate: SUM}, limit: 5" + filter + interval
                            + ") { dimensionValue value }";
                    default -> "table(dataset: \\\"" + DATASET + "\\\", dimensions: [\\\"country\\\", \\\"device\\\"],"
                            + " measures: " + measures + filter + interval + ", first: 20) { edges { node {"
                            + " dimensions { value } values { value } } } pageInfo { hasNextPage } }";
                };
        return new Question(kind, cached, "{\"query\":\"{ " + field + " }\"}");
    }

    private void mixed(int clients, Duration duration) throws Exception {
        Map<String, Latencies> latencies = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        Map<String, String> firstErrors = new ConcurrentHashMap<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(LoadBenchmark::daemon);
        long end = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        long thinkMs = Long.getLong("bench.load.think-ms", 500);
        String load0 = Machine.loadAverage();
        for (int c = 0; c < clients; c++) {
            String token = tokens.get(c);
            Runnable[] next = new Runnable[1];
            next[0] = () -> {
                if (System.nanoTime() > end) {
                    done.countDown();
                    return;
                }
                Question q = question();
                long t0 = System.nanoTime();
                http.sendAsync(request(graphQl, token, q.body()), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, failure) -> {
                            long nanos = System.nanoTime() - t0;
                            String problem = failure != null ? failure.toString() : problem(response);
                            if (problem != null) {
                                errors.incrementAndGet();
                                firstErrors.putIfAbsent(q.kind(), problem);
                            } else {
                                latencies
                                        .computeIfAbsent(
                                                q.kind() + (q.cached() ? " cached" : " uncached"), k -> new Latencies())
                                        .add(nanos);
                            }
                            timer.schedule(
                                    next[0],
                                    ThreadLocalRandom.current().nextLong(2 * thinkMs + 1),
                                    TimeUnit.MILLISECONDS);
                        });
            };
            // Spread the clients' first questions over one think time.
            timer.schedule(next[0], ThreadLocalRandom.current().nextLong(thinkMs + 1), TimeUnit.MILLISECONDS);
        }
        done.await(duration.toSeconds() + 120, TimeUnit.SECONDS);
        timer.shutdown();
        long answered = latencies.values().stream().mapToLong(Latencies::count).sum();
        line(
                "Mixed load: %d clients, own tokens, think 0-%d ms, %d s; load average %s at start, %s at end",
                clients, 2 * thinkMs, duration.toSeconds(), load0, Machine.loadAverage());
        line(
                "  answered %d (%.1f/s), errors %d %s",
                answered,
                answered / (double) duration.toSeconds(),
                errors.get(),
                firstErrors.isEmpty() ? "" : firstErrors);
        latencies.keySet().stream().sorted().forEach(kind -> {
            Latencies l = latencies.get(kind);
            line("  %-20s n=%6d  p50 %7.2f ms  p99 %7.2f ms", kind, l.count(), l.percentile(50), l.percentile(99));
        });
    }

    // ---- Saturation ---------------------------------------------------------------------------------------------

    private void saturation(int concurrency) throws Exception {
        long blockSeconds = Long.getLong("bench.load.block-seconds", 20);
        int blocks = Integer.getInteger("bench.load.blocks", 6);
        double[] perSecond = new double[2]; // 0 Strata, 1 Druid
        long[] errors = new long[2];
        long[] cpu = new long[2];
        String load0 = Machine.loadAverage();
        // A short warm-up of both paths.
        closedLoop(concurrency, Duration.ofSeconds(5), true);
        closedLoop(concurrency, Duration.ofSeconds(5), false);
        Map<String, Long> threadCpu = new ConcurrentHashMap<>();
        Map<String, Long> samples = new ConcurrentHashMap<>();
        for (int block = 0; block < blocks; block++) {
            boolean strata = block % 2 == 0;
            long cpu0 = processCpuNanos();
            Map<Long, String> names = new java.util.HashMap<>();
            Map<Long, Long> before = strata ? threadCpu(names) : Map.of();
            jdk.jfr.Recording recording = strata ? profile() : null;
            long[] result = closedLoop(concurrency, Duration.ofSeconds(blockSeconds), strata);
            cpu[strata ? 0 : 1] += processCpuNanos() - cpu0;
            if (strata) {
                threadCpu(names)
                        .forEach((id, nanos) -> threadCpu.merge(
                                names.get(id).replaceAll("\\d+", "N"), nanos - before.getOrDefault(id, 0L), Long::sum));
                leafFrames(recording, samples);
            }
            perSecond[strata ? 0 : 1] += result[0] / (double) blockSeconds / (blocks / 2.0);
            errors[strata ? 0 : 1] += result[1];
        }
        line(
                "Saturation, uncached KPIs and time series, %d connections, %d blocks of %d s alternating; load average"
                        + " %s at start, %s at end",
                concurrency, blocks, blockSeconds, load0, Machine.loadAverage());
        line(
                "  Strata %.1f requests/s (errors %d), Druid's broker %.1f requests/s (errors %d): %.2fx",
                perSecond[0], errors[0], perSecond[1], errors[1], perSecond[0] / perSecond[1]);
        line(
                "  this JVM's CPU (Strata and the load generator) per request: %.2f ms with Strata, %.2f ms with Druid",
                cpu[0] / 1e6 / (perSecond[0] * blockSeconds * blocks / 2.0),
                cpu[1] / 1e6 / (perSecond[1] * blockSeconds * blocks / 2.0));
        double strataRequests = perSecond[0] * blockSeconds * blocks / 2.0;
        line("  with Strata, this JVM's CPU per request by thread (digits as N):");
        threadCpu.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(10)
                .forEach(e -> line("    %-48s %.2f ms", e.getKey(), e.getValue() / 1e6 / strataRequests));
        long total = samples.values().stream().mapToLong(Long::longValue).sum();
        line("  with Strata, where the samples' innermost frames outside the JDK are (%d samples, by package):", total);
        samples.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(15)
                .forEach(e -> line("    %-72s %5.1f%%", e.getKey(), 100.0 * e.getValue() / total));
    }

    /** A class's area: Strata's package, or a library's first three name parts ({@code graphql.execution.*}). */
    static String area(String type) {
        String[] parts = type.replaceAll("\\$.*", "").split("\\.");
        int keep = type.startsWith("io.strata.") ? Math.min(4, parts.length - 1) : Math.min(3, parts.length - 1);
        return String.join(".", java.util.Arrays.copyOf(parts, Math.max(keep, 1))) + ".*";
    }

    /** CPU time of every live thread, by id; their names go to {@code names}. */
    private static Map<Long, Long> threadCpu(Map<Long, String> names) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                names.putIfAbsent(info.getThreadId(), info.getThreadName());
                cpu.put(info.getThreadId(), threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return cpu;
    }

    /** A flight recording of execution samples (every 10 ms per running thread). */
    private static jdk.jfr.Recording profile() {
        jdk.jfr.Recording recording = new jdk.jfr.Recording();
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.start();
        return recording;
    }

    /**
     * Stops {@code recording} and counts its samples by the package of the innermost frame outside {@code java.},
     * {@code jdk.} and {@code sun.}: the library or Strata class the time is spent in or below.
     */
    private static void leafFrames(jdk.jfr.Recording recording, Map<String, Long> samples) throws Exception {
        recording.stop();
        Path file = Files.createTempFile("load-benchmark", ".jfr");
        try {
            recording.dump(file);
            for (jdk.jfr.consumer.RecordedEvent event : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
                if (event.getStackTrace() == null) {
                    continue;
                }
                String where = "(JDK only)";
                for (jdk.jfr.consumer.RecordedFrame frame :
                        event.getStackTrace().getFrames()) {
                    String type = frame.getMethod().getType().getName();
                    if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                        where = area(type);
                        break;
                    }
                }
                samples.merge(where, 1L, Long::sum);
            }
        } finally {
            recording.close();
            Files.deleteIfExists(file);
        }
    }

    /** {@code concurrency} loops asking back to back; answers {requests answered well, errors}. */
    private long[] closedLoop(int concurrency, Duration duration, boolean strata) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            String token = tokens.get(c);
            boolean[] series = {c % 2 == 0};
            Runnable[] next = new Runnable[1];
            next[0] = () -> {
                if (System.nanoTime() > end) {
                    done.countDown();
                    return;
                }
                series[0] = !series[0];
                HttpRequest request = strata ? strataUncached(token, series[0]) : druidUncached(series[0]);
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                    boolean good =
                            failure == null && (strata ? problem(response) == null : response.statusCode() == 200);
                    (good ? ok : bad).incrementAndGet();
                    next[0].run();
                });
            };
            next[0].run();
        }
        done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
        return new long[] {ok.get(), bad.get()};
    }

    private Instant uniqueStart() {
        return FIRST.plusMillis(unique.incrementAndGet());
    }

    private HttpRequest strataUncached(String token, boolean series) {
        Instant start = uniqueStart();
        String interval = "interval: {start: \\\"" + start + "\\\", end: \\\"2030-01-01T00:00:00Z\\\"}";
        String field = series
                ? "timeseries(dataset: \\\"" + DATASET
                        + "\\\", measures: [{aggregate: COUNT}, {column: \\\"revenue\\\","
                        + " aggregate: SUM}], granularity: MONTH, " + interval + ") { time values { value } }"
                : "kpis(dataset: \\\"" + DATASET + "\\\", measures: [{aggregate: COUNT}, {column: \\\"revenue\\\","
                        + " aggregate: SUM}, {column: \\\"quantity\\\", aggregate: SUM}], " + interval
                        + ") { measure value }";
        return request(graphQl, token, "{\"query\":\"{ " + field + " }\"}");
    }

    /** The SQL Strata sends for the same questions (see {@code Kpis}, {@code Timeseries}), with bound values. */
    private HttpRequest druidUncached(boolean series) {
        long start = uniqueStart().toEpochMilli();
        String where = "WHERE __time >= MILLIS_TO_TIMESTAMP(?) AND __time < TIMESTAMP '2030-01-01 00:00:00'";
        String sql = series
                ? "SELECT TIMESTAMP_TO_MILLIS(TIME_FLOOR(__time, 'P1M', NULL, 'UTC')) AS t, COUNT(*) AS m0, "
                        + "SUM(\\\"revenue\\\") AS m1 FROM \\\"" + DATASET + "\\\" " + where + " GROUP BY 1 ORDER BY 1"
                : "SELECT COUNT(*) AS m0, SUM(\\\"revenue\\\") AS m1, SUM(\\\"quantity\\\") AS m2 FROM \\\"" + DATASET
                        + "\\\" " + where;
        String body = "{\"query\":\"" + sql + "\",\"parameters\":[{\"type\":\"BIGINT\",\"value\":" + start
                + "}],\"context\":{\"sqlTimeZone\":\"UTC\",\"useApproximateCountDistinct\":false}}";
        return HttpRequest.newBuilder(URI.create(brokerSql))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    // ---- Plumbing ---------------------------------------------------------------------------------------------

    private static HttpRequest request(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private String post(String url, String token, String body) throws Exception {
        return http.send(request(url, token, body), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Null when the answer is a success: HTTP 200, no GraphQL errors, data present. */
    private static String problem(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode() + ": " + abbreviated(response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        if (body.has("errors") || !body.path("data").isObject()) {
            return abbreviated(response.body());
        }
        return null;
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private void line(String format, Object... values) {
        String line = String.format(Locale.ROOT, format, values);
        System.out.println(line);
        report.append(line).append('\n');
    }

    /** Latencies in nanoseconds, kept whole (a few hundred thousand at most). */
    private static final class Latencies {
        private final List<Long> nanos = new ArrayList<>();

        synchronized void add(long value) {
            nanos.add(value);
        }

        synchronized long count() {
            return nanos.size();
        }

        synchronized double percentile(int p) {
            List<Long> sorted = nanos.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.min(sorted.size() - 1, Math.ceil(p / 100.0 * sorted.size()) - 1);
            return sorted.get(Math.max(index, 0)) / 1e6;
        }
    }

    /** The load generator's threads: daemons, so the benchmark's JVM ends once its report is written. */
    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "load-generator");
        thread.setDaemon(true);
        return thread;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
