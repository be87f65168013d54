package io.strata.api;

import io.strata.schema.fixtures.Spreadsheets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A CSV of sales rows (timestamp, country, device, quantity, revenue) made from a seed, with its rows and totals
 * kept as the file is written, so tests compute expected answers independently of Strata and Druid.
 */
public record SalesFile(String csv, int rows, long quantity, double revenue, List<Sale> sales) {

    /** One row of the file; revenue in cents, as written (two decimals). */
    public record Sale(Instant at, String country, String device, int quantity, long revenueCents) {
        double revenue() {
            return revenueCents / 100.0;
        }
    }

    private static final String HEADER = "timestamp,country,device,quantity,revenue\n";

    public static SalesFile generate(long seed, int rows) {
        Rows source = new Rows(seed);
        StringBuilder csv = new StringBuilder(HEADER);
        List<Sale> sales = new ArrayList<>();
        long quantity = 0;
        long revenueCents = 0;
        for (int i = 0; i < rows; i++) {
            Sale sale = source.next();
            quantity += sale.quantity();
            revenueCents += sale.revenueCents();
            sales.add(sale);
            append(csv, sale);
        }
        return new SalesFile(csv.toString(), rows, quantity, revenueCents / 100.0, List.copyOf(sales));
    }

    /**
     * The CSV of {@link #generate} with {@code rows} rows, as bytes, and its totals, without keeping the rows: for
     * files of a million rows and more.
     */
    public static Bulk bulk(long seed, int rows) {
        Rows source = new Rows(seed);
        StringBuilder csv = new StringBuilder(rows * 48 + 64).append(HEADER);
        long quantity = 0;
        long revenueCents = 0;
        for (int i = 0; i < rows; i++) {
            Sale sale = source.next();
            quantity += sale.quantity();
            revenueCents += sale.revenueCents();
            append(csv, sale);
        }
        return new Bulk(csv.toString().getBytes(StandardCharsets.US_ASCII), rows, quantity, revenueCents);
    }

    /**
     * Writes the CSV of {@link #generate} with {@code rows} rows to {@code file}, streaming (for files larger than a
     * heap would hold), and answers its totals; {@link Bulk#csv()} is empty.
     */
    public static Bulk write(long seed, long rows, java.nio.file.Path file) throws java.io.IOException {
        Rows source = new Rows(seed);
        long quantity = 0;
        long revenueCents = 0;
        try (java.io.Writer out = java.nio.file.Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            StringBuilder chunk = new StringBuilder(1 << 20).append(HEADER);
            for (long i = 0; i < rows; i++) {
                Sale sale = source.next();
                quantity += sale.quantity();
                revenueCents += sale.revenueCents();
                append(chunk, sale);
                if (chunk.length() > (1 << 20) - 128) {
                    out.append(chunk);
                    chunk.setLength(0);
                }
            }
            out.append(chunk);
        }
        return new Bulk(new byte[0], Math.toIntExact(rows), quantity, revenueCents);
    }

    /** A generated CSV file's bytes and its exact totals. */
    public record Bulk(byte[] csv, int rows, long quantity, long revenueCents) {

        public double revenue() {
            return revenueCents / 100.0;
        }
    }

    /**
     * The CSV of {@link #generate} with as many rows as make at least {@code bytes} bytes, without keeping the rows
     * (benchmarks: 100 MB of them).
     */
    public static byte[] csvOfAtLeast(long seed, long bytes) {
        Rows source = new Rows(seed);
        StringBuilder csv = new StringBuilder((int) Math.min(bytes + 1024, Integer.MAX_VALUE - 16)).append(HEADER);
        while (csv.length() < bytes) {
            append(csv, source.next());
        }
        return csv.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void append(StringBuilder csv, Sale sale) {
        csv.append(sale.at())
                .append(',')
                .append(sale.country())
                .append(',')
                .append(sale.device())
                .append(',')
                .append(sale.quantity())
                .append(',')
                .append(String.format(Locale.ROOT, "%d.%02d", sale.revenueCents() / 100, sale.revenueCents() % 100))
                .append('\n');
    }

    /** The rows of a seed, one every 7 minutes from 2024-03-01. */
    private static final class Rows {
        private static final String[] COUNTRIES = {"FR", "DE", "US", "JP", "BR"};
        private static final String[] DEVICES = {"ios", "android", "web"};
        private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

        private final Random random;
        private long index;

        Rows(long seed) {
            this.random = new Random(seed);
        }

        Sale next() {
            Instant at = START.plus(index++ * 7L, ChronoUnit.MINUTES);
            int quantity = 1 + random.nextInt(20);
            int cents = 100 + random.nextInt(100_000);
            String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
            String device = DEVICES[random.nextInt(DEVICES.length)];
            return new Sale(at, country, device, quantity, cents);
        }
    }

    /** The same rows tab-separated (no value holds a comma or a tab). */
    String tsv() {
        return csv.replace(',', '\t');
    }

    /** The same rows as JSON Lines, one object per row, numbers as JSON numbers. */
    String jsonLines() {
        StringBuilder lines = new StringBuilder();
        String[] csvLines = csv.split("\n");
        for (int i = 1; i < csvLines.length; i++) {
            String[] v = csvLines[i].split(",");
            lines.append("{\"timestamp\":\"")
                    .append(v[0])
                    .append("\",\"country\":\"")
                    .append(v[1])
                    .append("\",\"device\":\"")
                    .append(v[2])
                    .append("\",\"quantity\":")
                    .append(v[3])
                    .append(",\"revenue\":")
                    .append(v[4])
                    .append("}\n");
        }
        return lines.toString();
    }

    /**
     * The same rows as one XLSX sheet: timestamps as date-formatted cells, quantity and revenue as numeric cells,
     * as a spreadsheet user would keep them.
     */
    byte[] xlsx() {
        List<List<Object>> rows = new ArrayList<>(sales.size());
        for (Sale s : sales) {
            rows.add(List.of(s.at(), s.country(), s.device(), s.quantity(), s.revenue()));
        }
        return Spreadsheets.xlsx("sales", List.of("timestamp", "country", "device", "quantity", "revenue"), rows);
    }
}
