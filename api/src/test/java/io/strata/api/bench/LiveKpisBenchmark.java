package io.strata.api.bench;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.strata.api.SalesFile;
import io.strata.api.StrataApplication;
import io.strata.api.StrataHttp;
import io.strata.api.analytics.DruidQuery;
import io.strata.api.analytics.DruidSql;
import io.strata.stack.SharedStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;

/**
 * How many live-KPI subscribers one Strata node holds: for each N (e.g. 1,000, 5,000, 10,000), N {@code liveKpis}
 * subscriptions over graphql-ws, spread over a few distinct questions, opened by {@link LiveKpisClients} in a JVM of
 * its own. Measures, in the server's JVM: heap in use after a collection and live threads before and with the
 * subscribers; the Druid queries per refresh period (Strata's {@link DruidSql} counted through a decorator; they
 * should equal the number of distinct questions, whatever N); whether every subscriber got its first value, and,
 * after an ingestion appends rows, the new one, and how long the last one took.
 *
 * <p>Run: {@code ./mvnw -B -o -pl 'api,!web' -am verify -Pbench-live -DskipTests -Dstrata.test.base-port=28500
 * -Dstrata.test.database=strata_test_perf [-Dbench.live.subscribers=1000,5000,10000 -Dbench.live.questions=4
 * -Dbench.live.per-socket=50 -Dbench.live.refresh-seconds=5]}. Results also go to {@code
 * api/target/bench/live-kpis-benchmark.txt}.
 */
public final class LiveKpisBenchmark {

    static final String DATASET = "live_bench";

    private final int questions = Integer.getInteger("bench.live.questions", 4);
    private final int perSocket = Integer.getInteger("bench.live.per-socket", 50);
    private final int refreshSeconds = Integer.getInteger("bench.live.refresh-seconds", 5);
    private final CountingDruidSql counter = new CountingDruidSql();

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String n :
                System.getProperty("bench.live.subscribers", "1000,5000,10000").split(",")) {
            sizes.add(Integer.parseInt(n.trim()));
        }
        SharedStack.endpoints();
        LiveKpisBenchmark bench = new LiveKpisBenchmark();
        SpringApplication application = new SpringApplication(StrataApplication.class);
        application.addInitializers(context -> context.getBeanFactory().addBeanPostProcessor(bench.counter));
        ConfigurableApplicationContext strata = application.run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--strata.analytics.rate-limit.enabled=false");
        try {
            bench.run(strata, sizes);
        } finally {
            strata.close();
            SharedStack.stop();
        }
    }

    private void run(ConfigurableApplicationContext strata, List<Integer> sizes) throws Exception {
        int port = Integer.parseInt(strata.getEnvironment().getProperty("local.server.port"));
        StrataHttp http = new StrataHttp(port);
        http.ingest(DATASET, "first.csv", SalesFile.generate(1, 20_000).csv());
        String token = io.strata.api.TestTokens.token(port, "strata-viewer");
        MeterRegistry registry = strata.getBean(MeterRegistry.class);

        StringBuilder report = new StringBuilder();
        report.append(String.format(
                Locale.ROOT,
                "Live KPI subscribers: %d distinct questions, %d subscriptions per WebSocket, refresh %d s,"
                        + " server JVM %d MB max heap, %d processors%n",
                questions,
                perSocket,
                refreshSeconds,
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors()));
        report.append(String.format(
                Locale.ROOT,
                "%-7s %8s %8s %9s %8s %8s %11s %9s %12s %10s %s%n",
                "subs",
                "open s",
                "heap MB",
                "+heap MB",
                "threads",
                "pollers",
                "q/refresh",
                "1st vals",
                "new vals",
                "push s",
                "load avg"));
        int round = 2;
        for (int n : sizes) {
            String line = measure(n, port, token, registry, http, round++);
            System.out.print("measured: " + line);
            report.append(line);
        }
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "live-kpis-benchmark.txt"), report.toString());
        System.out.print(report);
    }

    private String measure(int n, int port, String token, MeterRegistry registry, StrataHttp http, int round)
            throws Exception {
        long heapBefore = liveHeap();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        Process clients = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LiveKpisClients.class.getName(),
                        "ws://localhost:" + port + "/graphql",
                        token,
                        Integer.toString(n),
                        Integer.toString(perSocket),
                        Integer.toString(questions),
                        Integer.toString(refreshSeconds))
                .redirectErrorStream(true)
                .start();
        AtomicReference<Map<String, String>> status = new AtomicReference<>(Map.of());
        Thread reader = new Thread(() -> readStatus(clients, status), "live-bench-clients");
        reader.setDaemon(true);
        reader.start();
        try {
            long opening = System.nanoTime();
            awaitStatus(status, "first", n, Duration.ofMinutes(5));
            double openSeconds = (System.nanoTime() - opening) / 1e9;

            // Druid queries per refresh period, once every subscriber is in
            double perRefresh = queriesPerRefresh(4);
            int distinctQueries = counter.distinct.size();

            long heapWith = liveHeap();
            int threadsWith = ManagementFactory.getThreadMXBean().getThreadCount();
            double subscribers = gauge(registry, "strata.analytics.live.subscribers");
            double pollers = gauge(registry, "strata.analytics.live.pollers");

            // an ingestion appends rows: every subscriber must get its new value
            String taskId = (String) http.upload(
                            DATASET, "more.csv", SalesFile.generate(round, 500).csv(), "append")
                    .get("taskId");
            http.awaitStatus(taskId, "SUCCEEDED");
            long succeeded = System.nanoTime();
            boolean all = awaitStatus(status, "second", n, Duration.ofMinutes(2));
            double pushSeconds = (System.nanoTime() - succeeded) / 1e9;
            Map<String, String> last = status.get();
            return String.format(
                    Locale.ROOT,
                    "%-7d %8.1f %8d %9d %8d %8.0f %11s %9s %12s %10s %s%n",
                    n,
                    openSeconds,
                    heapWith >> 20,
                    (heapWith - heapBefore) >> 20,
                    threadsWith,
                    pollers,
                    String.format(Locale.ROOT, "%.2f (%d)", perRefresh, distinctQueries),
                    last.get("first") + "/" + (long) subscribers,
                    last.get("second") + (all ? " (all)" : " (NOT all)"),
                    String.format(Locale.ROOT, "%.1f", pushSeconds),
                    Machine.loadAverage() + " | threads before " + threadsBefore + ", client errors "
                            + last.get("errors") + " " + last.getOrDefault("last-error", ""));
        } finally {
            clients.destroy();
            clients.waitFor();
            // the server must see the sockets closed before the next round measures its heap
            org.awaitility.Awaitility.await("subscribers gone")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> gauge(registry, "strata.analytics.live.subscribers") == 0);
        }
    }

    private static void readStatus(Process clients, AtomicReference<Map<String, String>> status) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.startsWith("status ")) {
                    System.out.println("clients: " + line);
                    continue;
                }
                Map<String, String> fields = new ConcurrentHashMap<>();
                for (String field : line.substring(7).split(" ", 6)) {
                    int eq = field.indexOf('=');
                    if (eq > 0) {
                        fields.put(field.substring(0, eq), field.substring(eq + 1));
                    }
                }
                status.set(fields);
            }
        } catch (IOException e) {
            System.out.println("clients' output ended: " + e);
        }
    }

    /** Waits until the clients report {@code field} >= n; false when the time runs out first. */
    private static boolean awaitStatus(
            AtomicReference<Map<String, String>> status, String field, int n, Duration timeout)
            throws InterruptedException {
        try {
            org.awaitility.Awaitility.await(field + " >= " + n)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        String value = status.get().get(field);
                        return value != null && Integer.parseInt(value) >= n;
                    });
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    private static long liveHeap() throws InterruptedException {
        // G1 runs an explicit System.gc() as a full, stop-the-world collection: it has finished when gc() returns
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double gauge(MeterRegistry registry, String name) {
        Gauge gauge = registry.find(name).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    /**
     * Druid queries per refresh period, over {@code periods} periods timed from one refresh round to another: waits
     * for a first round of {@code questions} queries, then for {@code periods} more rounds' worth, and divides by the
     * periods that actually elapsed. Pollers that multiply queries end the wait early and show a high rate; pollers
     * that stopped end it at the deadline, as an error.
     */
    private double queriesPerRefresh(int periods) {
        Duration deadline = Duration.ofSeconds((long) refreshSeconds * (periods + 2) * 3 + 30);
        long mark = counter.queries.get();
        org.awaitility.Awaitility.await("a first refresh round of " + questions + " queries")
                .atMost(deadline)
                .until(() -> counter.queries.get() - mark >= questions);
        long start = counter.queries.get();
        long began = System.nanoTime();
        counter.distinct.clear();
        org.awaitility.Awaitility.await(periods + " more refresh rounds")
                .atMost(deadline)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> counter.queries.get() - start >= (long) periods * questions);
        double elapsedPeriods = (System.nanoTime() - began) / 1e9 / refreshSeconds;
        return (counter.queries.get() - start) / Math.max(elapsedPeriods, 1e-9);
    }

    /** Wraps Strata's {@link DruidSql} to count the queries it sends (schema look-ups aside). */
    static final class CountingDruidSql implements BeanPostProcessor {
        final AtomicLong queries = new AtomicLong();
        final Set<String> distinct = ConcurrentHashMap.newKeySet();

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof DruidSql druid && !(bean instanceof Counted)) {
                return new Counted(druid, this);
            }
            return bean;
        }
    }

    private record Counted(DruidSql druid, CountingDruidSql counter) implements DruidSql, DisposableBean {
        @Override
        public Mono<List<Map<String, Object>>> query(DruidQuery query) {
            if (!query.sql().contains("INFORMATION_SCHEMA")) {
                counter.queries.incrementAndGet();
                counter.distinct.add(query.sql() + query.parameters());
            }
            return druid.query(query);
        }

        @Override
        public void destroy() throws Exception {
            if (druid instanceof DisposableBean disposable) {
                disposable.destroy();
            }
        }
    }
}
