package io.strata.schema.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ValidationBenchmark} and prints the throughput of each benchmark in MB/s (10^6 bytes of CSV per
 * second), validation's share of the FastCSV roof and of FastCSV's splitting alone, and the load average. Argument:
 * rows (default 1,000,000).
 */
public final class ValidationBenchmarkMain {
    private ValidationBenchmarkMain() {}

    public static void main(String[] args) throws RunnerException {
        String rows = args.length > 0 ? args[0] : "1000000";
        long bytes = SalesCsv.bytes(Long.parseLong(rows)).length;
        Options options = new OptionsBuilder()
                .include(ValidationBenchmark.class.getName())
                .param("rows", rows)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> mbPerSecond = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double millis = r.getPrimaryResult().getScore();
            mbPerSecond.put(name.substring(name.lastIndexOf('.') + 1), bytes / 1e6 / (millis / 1000));
        }
        System.out.printf(Locale.ROOT, "CSV: %s rows, %.1f MB%n", rows, bytes / 1e6);
        mbPerSecond.forEach((name, mbs) -> System.out.printf(Locale.ROOT, "%-12s %8.1f MB/s%n", name, mbs));
        System.out.printf(
                Locale.ROOT,
                "validation / FastCSV roof: %.2f%n",
                mbPerSecond.get("validate") / mbPerSecond.get("fastCsvRoof"));
        System.out.printf(
                Locale.ROOT,
                "validation / FastCSV fields only: %.2f%n",
                mbPerSecond.get("validate") / mbPerSecond.get("fastCsvFieldsOnly"));
        System.out.printf(Locale.ROOT, "load average at the end (1/5/15 min): %s%n", LoadAverage.now());
    }
}
