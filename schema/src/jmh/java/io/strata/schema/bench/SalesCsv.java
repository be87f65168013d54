package io.strata.schema.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A generated sales CSV, produced on the fly as a stream (nothing held in memory): an ISO timestamp, five string
 * dimensions and four numeric metrics, ~100 bytes a row, the same bytes for the same seed.
 */
public final class SalesCsv extends InputStream {
    static final String HEADER = "ts,country,city,device,channel,product,units,price,revenue,discount\n";
    private static final String[] COUNTRIES = {"FR", "DE", "US", "GB", "ES", "IT", "JP", "BR"};
    private static final String[] CITIES = {
        "Paris", "Lyon", "Berlin", "Hamburg", "New York", "San Francisco", "London", "Madrid", "Milano", "Tokyo"
    };
    private static final String[] DEVICES = {"desktop", "mobile", "tablet", "smart-tv"};
    private static final String[] CHANNELS = {"search", "social", "email", "direct", "affiliate", "display"};
    private static final String[] EDITIONS = {"standard", "premium", "limited", "classic"};
    private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    private final long rows;
    private final SplittableRandom random = new SplittableRandom(42);
    private final StringBuilder line = new StringBuilder(160);
    private byte[] buf = HEADER.getBytes(StandardCharsets.US_ASCII);
    private int pos;
    private long row;

    /** A stream of {@code rows} data rows after the header. */
    public SalesCsv(long rows) {
        this.rows = rows;
    }

    /** All of it in memory, for benchmarks that read the same bytes again and again. */
    public static byte[] bytes(long rows) {
        try (SalesCsv in = new SalesCsv(rows)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private boolean fill() {
        if (row >= rows) {
            return false;
        }
        line.setLength(0);
        int units = 1 + random.nextInt(20);
        long cents = 99 + random.nextInt(50_000);
        int discount = random.nextInt(30);
        line.append(Instant.ofEpochMilli(T0 + row * 1_000L + random.nextInt(1000)))
                .append(',')
                .append(COUNTRIES[random.nextInt(COUNTRIES.length)])
                .append(',')
                .append(CITIES[random.nextInt(CITIES.length)])
                .append(',')
                .append(DEVICES[random.nextInt(DEVICES.length)])
                .append(',')
                .append(CHANNELS[random.nextInt(CHANNELS.length)])
                .append(",product-")
                .append(random.nextInt(100_000))
                .append('-')
                .append(EDITIONS[random.nextInt(EDITIONS.length)])
                .append(',')
                .append(units)
                .append(',')
                .append(cents / 100)
                .append('.')
                .append(cents % 100 < 10 ? "0" : "")
                .append(cents % 100)
                .append(',')
                .append(units * cents / 100.0)
                .append(",0.")
                .append(discount < 10 ? "0" : "")
                .append(discount)
                .append('\n');
        buf = line.toString().getBytes(StandardCharsets.US_ASCII);
        pos = 0;
        row++;
        return true;
    }

    @Override
    public int read() {
        if (pos >= buf.length && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            if (pos >= buf.length && !fill()) {
                break;
            }
            int k = Math.min(len - n, buf.length - pos);
            System.arraycopy(buf, pos, b, off + n, k);
            pos += k;
            n += k;
        }
        return n == 0 ? -1 : n;
    }
}
