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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * File to queryable, per file size (100k, 1M and 10M rows by default), in one run: Strata, from the upload request
 * (the CSV as a raw body) to the task's SUCCEEDED (which Strata reports once the broker answers over the new data);
 * against the baseline, the very same Druid task submitted by hand to the overlord with the file already in S3 (the
 * object Strata stored, and the spec Strata generated for it, under a new id and datasource), polled the same way
 * (the overlord's status every {@code bench.queryable.poll-ms}, as Strata's task driver polls with
 * {@code strata.ingestion.poll-interval} set to the same, then the broker until {@code COUNT(*)} is the file's).
 * Strata's SUCCEEDED is read by asking its GraphQL API every 20 ms. Strata and the baseline alternate which goes
 * first, round by round. Every answer is checked: each round's dataset must hold exactly the file's rows.
 *
 * <p>Also reported: the first upload after the server started (request to 202, a JVM whose upload path never ran),
 * of the file nearest a million rows, beside the warm uploads of the later rounds, in MB/s (10^6 bytes).
 *
 * <p>Run: {@code ./mvnw -B -pl api -am verify -Pbench-queryable -DskipTests -Dstrata.test.base-port=28300
 * [-Dbench.queryable.rows=100000,1000000,10000000 -Dbench.queryable.rounds=3,3,1]}. Not part of the default build.
 * Results also go to {@code api/target/bench/queryable-benchmark.txt}.
 */
public final class QueryableBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final String overlord;
    private final String broker;
    private final String token;
    private final Duration poll;

    private QueryableBenchmark(ConfigurableApplicationContext strata, Duration poll) {
        this.base = "http://localhost:" + strata.getEnvironment().getProperty("local.server.port");
        DruidSettings druid = strata.getBean(DruidSettings.class);
        this.overlord = druid.coordinatorUrl().toString().replaceAll("/$", "");
        this.broker = druid.brokerUrl().toString().replaceAll("/$", "");
        this.token =
                strata.getBean(LocalTokenIssuer.class).issue("strata-analyst").value();
        this.poll = poll;
    }

    public static void main(String[] args) throws Exception {
        long[] sizes = Arrays.stream(System.getProperty("bench.queryable.rows", "100000,1000000,10000000")
                        .split(","))
                .mapToLong(Long::parseLong)
                .toArray();
        int[] rounds = Arrays.stream(
                        System.getProperty("bench.queryable.rounds", "3,3,1").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        Duration poll = Duration.ofMillis(Long.getLong("bench.queryable.poll-ms", 250));
        Path dir = Files.createDirectories(Path.of("target", "bench", "files"));
        List<Path> files = new ArrayList<>();
        List<SalesFile.Bulk> totals = new ArrayList<>();
        for (long rows : sizes) {
            Path file = dir.resolve("sales-" + rows + ".csv");
            totals.add(SalesFile.write(rows, rows, file));
            files.add(file);
        }
        SharedStack.endpoints(System::getProperty, EnumSet.allOf(Component.class));
        ConfigurableApplicationContext strata = SpringApplication.run(
                StrataApplication.class,
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--strata.sql.postgres.port=0",
                "--logging.level.root=WARN",
                "--strata.analytics.rate-limit.enabled=false",
                "--strata.ingestion.poll-interval=" + poll.toMillis() + "ms");
        try {
            new QueryableBenchmark(strata, poll).run(files, totals, rounds);
        } finally {
            strata.close();
            SharedStack.stop();
        }
    }

    private void run(List<Path> files, List<SalesFile.Bulk> totals, int[] rounds) throws Exception {
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "File to queryable, %s, poll %d ms, load average %s at start%n",
                java.time.Instant.now(),
                poll.toMillis(),
                Machine.loadAverage()));
        List<Double> warmUploads = new ArrayList<>();
        // The first upload after start, of the file nearest a million rows (the size users first send).
        int nearest = 0;
        for (int size = 1; size < totals.size(); size++) {
            if (Math.abs(Math.log(totals.get(size).rows() / 1e6))
                    < Math.abs(Math.log(totals.get(nearest).rows() / 1e6))) {
                nearest = size;
            }
        }
        Ingested cold =
                strata(files.get(nearest), "bench_cold", totals.get(nearest).rows());
        double coldUpload = Files.size(files.get(nearest)) / 1e6 / cold.uploadSeconds();
        for (int size = 0; size < files.size(); size++) {
            Path file = files.get(size);
            SalesFile.Bulk expected = totals.get(size);
            long bytes = Files.size(file);
            List<Double> strataSeconds = new ArrayList<>();
            List<Double> druidSeconds = new ArrayList<>();
            // A first Strata ingestion of this size gives the stored object and the spec the baseline reuses; on
            // the first size, it is also the first upload after start.
            Ingested first = strata(file, "bench_q" + expected.rows() + "_w", expected.rows());
            warmUploads.add(bytes / 1e6 / first.uploadSeconds());
            int n = rounds[Math.min(size, rounds.length - 1)];
            for (int round = 0; round < n; round++) {
                String suffix = expected.rows() + "_" + round;
                boolean strataFirst = round % 2 == 0;
                for (int turn = 0; turn < 2; turn++) {
                    if ((turn == 0) == strataFirst) {
                        Ingested done = strata(file, "bench_q" + suffix, expected.rows());
                        strataSeconds.add(done.seconds());
                        warmUploads.add(bytes / 1e6 / done.uploadSeconds());
                    } else {
                        druidSeconds.add(byHand(first.spec(), "bench_d" + suffix, expected.rows()));
                    }
                }
            }
            double strata = median(strataSeconds);
            double druid = median(druidSeconds);
            String line = String.format(
                    Locale.ROOT,
                    "%,d rows (%.0f MB): Strata %.2f s (request to SUCCEEDED, median of %d: %s), by hand %.2f s "
                            + "(median of %d: %s), ratio %.3fx%n",
                    expected.rows(),
                    bytes / 1e6,
                    strata,
                    strataSeconds.size(),
                    strataSeconds,
                    druid,
                    druidSeconds.size(),
                    druidSeconds,
                    strata / druid);
            System.out.print(line);
            report.append(line);
        }
        String uploads = String.format(
                Locale.ROOT,
                "Upload, request to 202: first after start %.1f MB/s (%,d rows, %.0f MB); warm median %.1f MB/s (%d"
                        + " uploads, every size); load average %s at the end%n",
                coldUpload,
                totals.get(nearest).rows(),
                Files.size(files.get(nearest)) / 1e6,
                median(warmUploads),
                warmUploads.size(),
                Machine.loadAverage());
        System.out.print(uploads);
        report.append(uploads);
        Files.writeString(Path.of("target", "bench", "queryable-benchmark.txt"), report);
    }

    private record Ingested(double seconds, double uploadSeconds, String spec) {}

    /** Uploads the file into a new dataset and waits until Strata reports it SUCCEEDED; checks its row count. */
    private Ingested strata(Path file, String dataset, long rows) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(
                                base + "/api/v1/datasets/" + dataset + "/uploads?fileName=" + file.getFileName()))
                        .header("Content-Type", "text/csv")
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofMinutes(30))
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double uploaded = (System.nanoTime() - t0) / 1e9;
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + answer.statusCode() + ": " + answer.body());
        }
        String taskId = JSON.readTree(answer.body()).path("taskId").asString();
        String query = "{\"query\":\"{ ingestionTask(id: \\\"" + taskId + "\\\") { status error spec } }\"}";
        while (true) {
            JsonNode body = JSON.readTree(graphQl(query));
            if (body.has("errors")) {
                throw new IllegalStateException("GraphQL answered an error: " + body);
            }
            JsonNode task = body.path("data").path("ingestionTask");
            String status = task.path("status").asString();
            if (status.equals("SUCCEEDED")) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                requireCount(dataset, rows);
                return new Ingested(seconds, uploaded, JSON.writeValueAsString(task.path("spec")));
            }
            if (status.equals("FAILED") || status.equals("CANCELED")) {
                throw new IllegalStateException("task " + taskId + " ended " + status + ": " + task.path("error"));
            }
            Thread.sleep(20); // the benchmark's own polling cadence, not a synchronisation in a test
        }
    }

    /**
     * Submits Strata's spec for the same stored object by hand, as a new datasource, and polls as Strata does: the
     * overlord's status, then the broker, every {@link #poll}.
     */
    private double byHand(String strataSpec, String dataSource, long rows) throws Exception {
        ObjectNode spec = (ObjectNode) JSON.readTree(strataSpec);
        String id = "bench_" + dataSource + "_" + UUID.randomUUID();
        spec.put("id", id);
        ((ObjectNode) spec.path("spec").path("dataSchema")).put("dataSource", dataSource);
        long t0 = System.nanoTime();
        HttpResponse<String> submitted = http.send(
                HttpRequest.newBuilder(URI.create(overlord + "/druid/indexer/v1/task"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(spec)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 200) {
            throw new IllegalStateException("the overlord refused the task: " + submitted.body());
        }
        while (true) {
            Thread.sleep(poll.toMillis());
            String status = JSON.readTree(get(overlord + "/druid/indexer/v1/task/" + id + "/status"))
                    .path("status")
                    .path("statusCode")
                    .asString("");
            if (status.equals("FAILED")) {
                throw new IllegalStateException("Druid failed " + id);
            }
            if (status.equals("SUCCESS")) {
                break;
            }
        }
        while (count(dataSource) != rows) {
            Thread.sleep(poll.toMillis());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private void requireCount(String dataSource, long rows) throws Exception {
        long count = count(dataSource);
        if (count != rows) {
            throw new IllegalStateException(dataSource + " holds " + count + " rows, not " + rows);
        }
    }

    private long count(String dataSource) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(broker + "/druid/v2/sql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"query\":\"SELECT COUNT(*) AS n FROM \\\"" + dataSource + "\\\"\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            return -1; // not a table yet
        }
        return JSON.readTree(answer.body()).path(0).path("n").asLong(-1);
    }

    private String graphQl(String body) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + "/graphql"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
