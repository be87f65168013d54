package io.strata.schema.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.strata.schema.DetectionResult;
import io.strata.schema.SchemaDetector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Validation throughput of {@link SchemaDetector} on a generated sales CSV against plain FastCSV parsing of the same
 * bytes (decoding and splitting only: the roof). One thread, one JVM limited to one processor. Run through {@link
 * ValidationBenchmarkMain}, which prints MB/s and the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:ActiveProcessorCount=1"})
public class ValidationBenchmark {
    @Param("1000000")
    public long rows;

    byte[] csv;

    @Setup(Level.Trial)
    public void generate() {
        csv = SalesCsv.bytes(rows);
    }

    @Benchmark
    public long validate() {
        DetectionResult r = SchemaDetector.create(null).detect(new ByteArrayInputStream(csv), "sales.csv");
        if (r.report().badRows() != 0 || r.report().rows() != rows) {
            throw new IllegalStateException("unexpected report: " + r.report().verdict());
        }
        return r.report().rows();
    }

    @Benchmark
    public void fastCsvRoof(Blackhole bh) throws IOException {
        try (CsvReader<CsvRecord> reader = CsvReader.builder()
                .ofCsvRecord(new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8))) {
            for (CsvRecord record : reader) {
                for (int i = 0, n = record.getFieldCount(); i < n; i++) {
                    bh.consume(record.getField(i));
                }
            }
        }
    }
}
