package io.strata.api.bench;

import io.strata.api.SalesFile;
import io.strata.api.StrataApplication;
import io.strata.ingestion.IngestionSettings;
import io.strata.ingestion.storage.ObjectStore;
import io.strata.ingestion.storage.S3Settings;
import io.strata.schema.DetectionResult;
import io.strata.schema.SchemaDetector;
import io.strata.stack.Component;
import io.strata.stack.SharedStack;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upload throughput, in one run and on the same bytes (a generated CSV of at least 100 MB): from the request to
 * Strata's 202 answer, which it sends once the file is validated, hashed and complete in S3 (STORED), as the raw
 * body and as the multipart form the README uses; against a raw S3 PUT of the same bytes to the same S3Proxy (the
 * baseline: one PutObject, see {@link #s3SinglePut}; and, as Strata stores a body of unknown length, one multipart
 * upload with Strata's part size, see {@link #s3Put}); for context, the schema module's
 * validation of the same bytes from memory (the single-threaded work Strata adds to the copy) and a plain TCP copy
 * over the loopback (what the network alone costs). Paths are interleaved, rotating which goes first each round, so that load from
 * other processes falls on all alike. Reports MB/s (10^6 bytes) per path, median and best, and each median's ratio
 * to the S3 PUT's.
 *
 * <p>Druid is not started: the measured path ends at STORED, before Strata talks to Druid, and the task driver is
 * parked (its first round would come after an hour), so no ingestion task loads the machine during the run.
 *
 * <p>Run: {@code ./mvnw -B -o -pl 'api,!web' -am verify -Pbench-ingestion -DskipTests
 * -Dstrata.test.base-port=28300 -Dstrata.test.database=strata_test_ingest [-Dbench.megabytes=100
 * -Dbench.rounds=5 -Dbench.warmup-rounds=3 -Dbench.only=Strata]}; {@code bench.only} keeps the paths whose names
 * start with it. Not part of the default build. Results also go to
 * {@code api/target/bench/ingestion-benchmark.txt}.
 */
public final class IngestionBenchmark {

    private static final String DATASET = "bench_ingest";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** As Strata's S3MultipartSink. */
    private static final int PARTS_IN_FLIGHT = 2;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ConfigurableApplicationContext strata;
    private final S3AsyncClient s3;
    private final String bucket;
    private final String base;
    private final String token;
    private final int partSize;

    private IngestionBenchmark(ConfigurableApplicationContext strata) {
        this.strata = strata;
        this.s3 = strata.getBean(S3AsyncClient.class);
        this.bucket = strata.getBean(S3Settings.class).bucket();
        this.partSize = (int) strata.getBean(IngestionSettings.class).partSize().toBytes();
        this.base = "http://localhost:" + strata.getEnvironment().getProperty("local.server.port");
        this.token = strata.getBean(io.strata.api.security.LocalTokenIssuer.class)
                .issue("strata-analyst")
                .value();
    }

    public static void main(String[] args) throws Exception {
        long megabytes = Long.getLong("bench.megabytes", 100);
        int rounds = Integer.getInteger("bench.rounds", 5);
        SharedStack.endpoints(System::getProperty, EnumSet.of(Component.POSTGRES, Component.S3, Component.KAFKA));
        ConfigurableApplicationContext strata = SpringApplication.run(
                StrataApplication.class,
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                // Nothing answers there: the measured path never reaches Druid (see the class comment).
                "--strata.druid.coordinator-url=http://127.0.0.1:9",
                "--strata.druid.broker-url=http://127.0.0.1:9",
                "--strata.ingestion.poll-interval=1h");
        try {
            new IngestionBenchmark(strata).run(megabytes * 1_000_000L, rounds);
        } finally {
            strata.close();
            SharedStack.stop();
        }
    }

    private void run(long minimumBytes, int rounds) throws Exception {
        strata.getBean(ObjectStore.class).ensureBucket().block(Duration.ofSeconds(30));
        byte[] csv = SalesFile.csvOfAtLeast(2024, minimumBytes);
        String boundary = "bench" + System.nanoTime();
        byte[] multipart = multipart(boundary, csv);
        String before = Machine.loadAverage();

        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("S3 PUT (baseline)", () -> s3SinglePut(csv));
        calls.put("S3 multipart PUT", () -> s3Put(csv));
        calls.put("Strata, raw body", () -> strataUpload(csv, "text/csv", "?fileName=bench.csv&force=true"));
        calls.put(
                "Strata, multipart",
                () -> strataUpload(multipart, "multipart/form-data; boundary=" + boundary, "?force=true"));
        calls.put("validation alone, in memory", () -> validate(csv));
        calls.put("TCP copy over loopback", () -> loopback(csv));
        String only = System.getProperty("bench.only", "");
        calls.keySet().removeIf(name -> !name.startsWith(only));
        List<String> names = new ArrayList<>(calls.keySet());

        // Warm-up: the JIT, connection pools, the bucket's first objects. One round leaves the compiler busy with
        // the upload path through the measured rounds (a compiler thread took 0.7 s per 100 MB after it).
        int warmupRounds = Integer.getInteger("bench.warmup-rounds", 3);
        for (int round = 0; round < warmupRounds; round++) {
            for (Call call : calls.values()) {
                call.run();
                cleanUp();
            }
        }
        Map<String, Long> threadsBefore = CpuTime.byThreadGroup();
        double[][] megabytesPerSecond = new double[names.size()][rounds];
        double[][] ownCpu = new double[names.size()][rounds]; // CPU seconds per 100 MB, this JVM
        double[][] storeCpu = new double[names.size()][rounds]; // the same, the S3 store's process
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < names.size(); k++) {
                int p = (round + k) % names.size();
                long own0 = CpuTime.ownNanos();
                long store0 = CpuTime.storeNanos();
                long t0 = System.nanoTime();
                calls.get(names.get(p)).run();
                double seconds = (System.nanoTime() - t0) / 1e9;
                double hundreds = csv.length / 1e8;
                ownCpu[p][round] = (CpuTime.ownNanos() - own0) / 1e9 / hundreds;
                storeCpu[p][round] = (CpuTime.storeNanos() - store0) / 1e9 / hundreds;
                megabytesPerSecond[p][round] = csv.length / 1e6 / seconds;
                cleanUp();
            }
        }

        Map<String, Long> threadsAfter = CpuTime.byThreadGroup();

        StringBuilder report = new StringBuilder();
        report.append(String.format(
                Locale.ROOT,
                "Ingestion benchmark: a %,d-byte CSV (%,d rows), %d rounds (paths interleaved, rotating order) after "
                        + "%d warm-up rounds; %d cores, Java %s%n",
                csv.length,
                rowsOf(csv),
                rounds,
                warmupRounds,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        report.append(String.format(
                Locale.ROOT,
                "%-28s %12s %12s %12s %14s %14s%n",
                "path",
                "median MB/s",
                "best MB/s",
                "median / S3",
                "CPU s/100MB",
                "S3 store's"));
        double baseline = median(megabytesPerSecond[0]);
        for (int p = 0; p < names.size(); p++) {
            report.append(String.format(
                    Locale.ROOT,
                    "%-28s %12.1f %12.1f %11.2fx %14.2f %14.2f%n",
                    names.get(p),
                    median(megabytesPerSecond[p]),
                    Arrays.stream(megabytesPerSecond[p]).max().orElse(0),
                    median(megabytesPerSecond[p]) / baseline,
                    median(ownCpu[p]),
                    median(storeCpu[p])));
        }
        report.append("CPU s/100MB: CPU time of the benchmark's JVM (Strata, its S3 client and the benchmark's own "
                + "HTTP client) per 100 MB; S3 store's: of the S3 store's process.\n");
        report.append("CPU of the benchmark's JVM over the measured rounds, by thread (digits in names dropped):");
        threadsAfter.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .forEach(e -> report.append(String.format(Locale.ROOT, " %s %.2f s;", e.getKey(), e.getValue() / 1e9)));
        report.append(System.lineSeparator());
        report.append(String.format(
                Locale.ROOT, "load average (1/5/15 min) before: %s, after: %s%n", before, Machine.loadAverage()));
        System.out.print(report);
        Path out = Path.of("target", "bench", "ingestion-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    /** A raw body or a multipart body to Strata, timed until its 202 (STORED). */
    private void strataUpload(byte[] body, String contentType, String query) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets/" + DATASET + "/uploads" + query))
                        .header("Content-Type", contentType)
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofMinutes(5))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("upload refused: " + answer.statusCode() + " " + answer.body());
        }
        JsonNode accepted = JSON.readTree(answer.body());
        if (!"STORED".equals(accepted.path("status").asString())
                || accepted.path("duplicate").asBoolean(true)) {
            throw new IllegalStateException("expected a new STORED upload, got " + answer.body());
        }
    }

    /**
     * The baseline: the same bytes straight to S3 as one PutObject, sent aws-chunked as Strata's client sends them
     * (a signed single payload would be held whole in S3Proxy's memory): what storing the file costs without
     * validation, hashing or HTTP into Strata. Strata stores a raw body of announced length the same way
     * ({@code S3StreamingPutSink}).
     */
    private void s3SinglePut(byte[] bytes) {
        s3.putObject(
                        b -> b.bucket(bucket)
                                .key("bench/raw-put/bench.csv")
                                .contentType("text/csv")
                                .contentLength((long) bytes.length),
                        AsyncRequestBody.fromBytesUnsafe(bytes))
                .join();
    }

    /**
     * The same bytes straight to S3 as one multipart upload with Strata's part size and at most as many parts in
     * flight as Strata's multipart sink ({@code S3MultipartSink}: two), which stores bodies of unknown length (a
     * multipart form's file part).
     */
    private void s3Put(byte[] bytes) {
        String key = "bench/raw/bench.csv";
        String uploadId = s3.createMultipartUpload(
                        b -> b.bucket(bucket).key(key).contentType("text/csv"))
                .join()
                .uploadId();
        Deque<CompletableFuture<CompletedPart>> inFlight = new ArrayDeque<>();
        List<CompletedPart> done = new ArrayList<>();
        int partNumber = 1;
        for (int offset = 0; offset < bytes.length; offset += partSize, partNumber++) {
            if (inFlight.size() >= PARTS_IN_FLIGHT) {
                done.add(inFlight.removeFirst().join());
            }
            int number = partNumber;
            ByteBuffer part = ByteBuffer.wrap(bytes, offset, Math.min(partSize, bytes.length - offset))
                    .slice();
            inFlight.addLast(s3.uploadPart(
                            b -> b.bucket(bucket)
                                    .key(key)
                                    .uploadId(uploadId)
                                    .partNumber(number)
                                    .contentLength((long) part.remaining()),
                            AsyncRequestBody.fromByteBufferUnsafe(part))
                    .thenApply(response -> CompletedPart.builder()
                            .partNumber(number)
                            .eTag(response.eTag())
                            .build()));
        }
        while (!inFlight.isEmpty()) {
            done.add(inFlight.removeFirst().join());
        }
        s3.completeMultipartUpload(
                        b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(done)))
                .join();
    }

    /** The same bytes through a TCP connection on 127.0.0.1 to a reader that drops them. */
    private static void loopback(byte[] bytes) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> {
                try (Socket accepted = server.accept();
                        InputStream in = accepted.getInputStream()) {
                    byte[] buffer = new byte[64 * 1024];
                    long total = 0;
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        total += n;
                    }
                    return total;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    OutputStream out = client.getOutputStream()) {
                for (int offset = 0; offset < bytes.length; offset += 64 * 1024) {
                    out.write(bytes, offset, Math.min(64 * 1024, bytes.length - offset));
                }
            }
            if (received.get() != bytes.length) {
                throw new IllegalStateException("loopback lost bytes: " + received.get() + " of " + bytes.length);
            }
        }
    }

    /**
     * What Strata does to every byte besides moving it, without HTTP or S3: the schema module's detection and
     * validation of the whole file (one thread, as in the upload pipeline), from memory.
     */
    private static void validate(byte[] csv) {
        DetectionResult result = SchemaDetector.create(null)
                .detect(new ByteArrayInputStream(csv), "bench.csv", OutputStream.nullOutputStream());
        if (!result.report().withinBudget() || result.report().rows() == 0) {
            throw new IllegalStateException(
                    "the benchmark file does not validate: " + result.report().verdict());
        }
    }

    /** Deletes what the last call stored (untimed), so the disk holds one copy at a time. */
    private void cleanUp() {
        List<ObjectIdentifier> keys = new ArrayList<>();
        for (String prefix : List.of("bench/", "uploads/" + DATASET + "/")) {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                    .contents()
                    .subscribe(o ->
                            keys.add(ObjectIdentifier.builder().key(o.key()).build()))
                    .join();
        }
        for (int i = 0; i < keys.size(); i += 1000) {
            List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + 1000));
            s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch)))
                    .join();
        }
    }

    private static byte[] multipart(String boundary, byte[] file) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(head, head.length + file.length + tail.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return body;
    }

    private static long rowsOf(byte[] csv) {
        long lines = 0;
        for (byte b : csv) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines - 1;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * CPU time consumed so far by this JVM, by its threads (grouped by name, from /proc; empty where there is none)
     * and by the local stack's S3 store (0 when it runs elsewhere).
     */
    private static final class CpuTime {
        /** Clock ticks per second of /proc's times: 100 on Linux. */
        private static final long TICK_NANOS = 10_000_000L;

        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        static long ownNanos() {
            return OS.getProcessCpuTime();
        }

        /** Every thread's user and system time, summed by name with digits dropped ("GC Thread#N"). */
        static Map<String, Long> byThreadGroup() {
            Map<String, Long> groups = new java.util.TreeMap<>();
            try (var threads = Files.list(Path.of("/proc/self/task"))) {
                for (Path thread : threads.toList()) {
                    try {
                        String stat = Files.readString(thread.resolve("stat"));
                        int close = stat.lastIndexOf(')');
                        String name =
                                stat.substring(stat.indexOf('(') + 1, close).replaceAll("[0-9]+", "N");
                        String[] fields = stat.substring(close + 2).split(" ");
                        // utime and stime: fields 14 and 15 of stat(5), 12 and 13 after the name
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        groups.merge(name, ticks * TICK_NANOS, Long::sum);
                    } catch (IOException | RuntimeException e) {
                        // the thread ended while being read
                    }
                }
            } catch (IOException | RuntimeException e) {
                return Map.of();
            }
            return groups;
        }

        static long storeNanos() {
            return ProcessHandle.allProcesses()
                    .filter(process -> process.info()
                            .arguments()
                            .map(arguments -> Arrays.asList(arguments).contains("-Dstrata.stack.service=s3proxy"))
                            .orElse(false))
                    .mapToLong(process -> process.info()
                            .totalCpuDuration()
                            .map(Duration::toNanos)
                            .orElse(0L))
                    .sum();
        }
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }
}
