package io.strata.schema.bench;

import io.strata.schema.DetectionResult;
import io.strata.schema.SchemaDetector;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Validates a generated CSV of about N MB (argument, default 1024) streamed straight from the generator, writing the
 * normalized copy to nowhere, and prints rows, time, peak heap and the heap still in use after a collection at each
 * quarter of the file. Run it with {@code -Xmx256m} to check memory stays bounded whatever the file size.
 */
public final class LargeFileCheck {
    private LargeFileCheck() {}

    public static void main(String[] args) {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        long rows = megabytes * 1_000_000 / SalesCsv.bytes(10_000).length * 10_000;
        CountingStream in = new CountingStream(new SalesCsv(rows), megabytes * 1_000_000);
        long start = System.nanoTime();
        DetectionResult r = SchemaDetector.create(null).detect(in, "large.csv", OutputStream.nullOutputStream());
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%d rows, %.1f MB in %.1f s (%.1f MB/s), bad rows %d, max heap %d MB, peak heap used %d MB: %s;"
                        + " load average %s%n",
                r.report().rows(),
                in.count / 1e6,
                seconds,
                in.count / 1e6 / seconds,
                r.report().badRows(),
                Runtime.getRuntime().maxMemory() >> 20,
                peak >> 20,
                r.report().verdict(),
                LoadAverage.now());
        System.out.println("heap in use after a collection, by bytes read: " + String.join(", ", in.live));
    }

    /**
     * Counts the bytes read and, each time another quarter of the file has been read, collects garbage and notes the
     * heap still in use: what detection holds on to, which must not grow with the bytes read.
     */
    private static final class CountingStream extends java.io.FilterInputStream {
        private final long quarter;
        private final java.util.List<String> live = new java.util.ArrayList<>();
        long count;

        CountingStream(java.io.InputStream in, long expectedBytes) {
            super(in);
            this.quarter = Math.max(1, expectedBytes / 4);
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                if ((count + n) / quarter > count / quarter) {
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean()
                            .getHeapMemoryUsage()
                            .getUsed();
                    live.add(String.format(Locale.ROOT, "%.0f MB: %d MB", (count + n) / 1e6, used >> 20));
                }
                count += n;
            }
            return n;
        }
    }
}
