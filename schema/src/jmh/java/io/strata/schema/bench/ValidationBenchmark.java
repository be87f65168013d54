package io.strata.schema.bench;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
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
 * bytes (decoding, splitting and a string per field: the roof), and against FastCSV splitting alone (no strings:
 * the floor of any validation that reads FastCSV's fields). One thread, one JVM limited to one processor. Run
 * through {@link ValidationBenchmarkMain}, which prints MB/s and the ratios.
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

    /**
     * FastCSV splitting the same text into fields without making strings of them: what validation from characters
     * can at best approach.
     */
    @Benchmark
    public long fastCsvFieldsOnly() throws IOException {
        FieldCounter counter = new FieldCounter();
        try (CsvReader<Long> reader = CsvReader.builder()
                .build(counter, new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8))) {
            long records = 0;
            for (Long ignored : reader) {
                records++;
            }
            return records + counter.characters;
        }
    }

    /** Counts the characters of every field and builds no record. */
    static final class FieldCounter extends AbstractBaseCsvCallbackHandler<Long> {
        long characters;

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            characters += len;
        }

        @Override
        protected Long buildRecord() {
            return characters;
        }
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
