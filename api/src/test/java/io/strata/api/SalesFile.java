package io.strata.api;

import io.strata.schema.fixtures.Spreadsheets;
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

    public static SalesFile generate(long seed, int rows) {
        Random random = new Random(seed);
        String[] countries = {"FR", "DE", "US", "JP", "BR"};
        String[] devices = {"ios", "android", "web"};
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        StringBuilder csv = new StringBuilder("timestamp,country,device,quantity,revenue\n");
        List<Sale> sales = new ArrayList<>();
        long quantity = 0;
        long revenueCents = 0;
        for (int i = 0; i < rows; i++) {
            Instant at = start.plus(i * 7L, ChronoUnit.MINUTES);
            int q = 1 + random.nextInt(20);
            int cents = 100 + random.nextInt(100_000);
            String country = countries[random.nextInt(countries.length)];
            String device = devices[random.nextInt(devices.length)];
            quantity += q;
            revenueCents += cents;
            sales.add(new Sale(at, country, device, q, cents));
            csv.append(at)
                    .append(',')
                    .append(country)
                    .append(',')
                    .append(device)
                    .append(',')
                    .append(q)
                    .append(',')
                    .append(String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100))
                    .append('\n');
        }
        return new SalesFile(csv.toString(), rows, quantity, revenueCents / 100.0, List.copyOf(sales));
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
