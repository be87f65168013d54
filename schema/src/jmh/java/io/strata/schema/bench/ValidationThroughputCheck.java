package io.strata.schema.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.strata.schema.DetectionResult;
import io.strata.schema.SchemaDetector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The same comparison as {@link ValidationBenchmark}, interleaved in one JVM: each round validates the generated
 * CSV once and parses it once with FastCSV (the roof), so that load from other processes falls on both alike.
 * Prints the median MB/s of each by wall time and by the process's CPU time (which a loaded machine disturbs
 * less), and the ratios. Arguments: rounds (default 15), rows (default 1,000,000). Run it with {@code -Xmx1g
 * -XX:ActiveProcessorCount=1}; the first third of the rounds is warm-up.
 */
public final class ValidationThroughputCheck {
    private static long sink;

    private ValidationThroughputCheck() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        byte[] csv = SalesCsv.bytes(rows);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int warmup = rounds / 3;
        double[][] seconds = new double[4][rounds - warmup]; // validate wall, cpu; roof wall, cpu
        String loadBefore = LoadAverage.now();
        for (int r = 0; r < rounds; r++) {
            long wall = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            DetectionResult result = SchemaDetector.create(null).detect(new ByteArrayInputStream(csv), "sales.csv");
            double validateWall = (System.nanoTime() - wall) / 1e9;
            double validateCpu = (os.getProcessCpuTime() - cpu) / 1e9;
            if (result.report().rows() != rows || result.report().badRows() != 0) {
                throw new IllegalStateException(
                        "unexpected report: " + result.report().verdict());
            }
            wall = System.nanoTime();
            cpu = os.getProcessCpuTime();
            roof(csv);
            double roofWall = (System.nanoTime() - wall) / 1e9;
            double roofCpu = (os.getProcessCpuTime() - cpu) / 1e9;
            if (r >= warmup) {
                seconds[0][r - warmup] = validateWall;
                seconds[1][r - warmup] = validateCpu;
                seconds[2][r - warmup] = roofWall;
                seconds[3][r - warmup] = roofCpu;
            }
        }
        double mb = csv.length / 1e6;
        double[] median = new double[4];
        for (int k = 0; k < 4; k++) {
            Arrays.sort(seconds[k]);
            median[k] = seconds[k][seconds[k].length / 2];
        }
        System.out.printf(
                Locale.ROOT, "CSV: %d rows, %.1f MB; %d rounds after %d warm-up%n", rows, mb, rounds - warmup, warmup);
        System.out.printf(
                Locale.ROOT, "validate     wall %6.1f MB/s   cpu %6.1f MB/s%n", mb / median[0], mb / median[1]);
        System.out.printf(
                Locale.ROOT, "fastCsvRoof  wall %6.1f MB/s   cpu %6.1f MB/s%n", mb / median[2], mb / median[3]);
        System.out.printf(
                Locale.ROOT,
                "validation / FastCSV roof: wall %.2f, cpu %.2f%n",
                median[2] / median[0],
                median[3] / median[1]);
        System.out.printf(Locale.ROOT, "load average before / after: %s / %s%n", loadBefore, LoadAverage.now());
        if (sink == 42) {
            System.out.println();
        }
    }

    private static void roof(byte[] csv) throws IOException {
        try (CsvReader<CsvRecord> reader = CsvReader.builder()
                .ofCsvRecord(new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8))) {
            for (CsvRecord record : reader) {
                for (int i = 0, n = record.getFieldCount(); i < n; i++) {
                    sink += record.getField(i).length();
                }
            }
        }
    }
}
