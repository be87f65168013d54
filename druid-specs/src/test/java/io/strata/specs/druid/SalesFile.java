package io.strata.specs.druid;

import io.strata.schema.fixtures.Spreadsheets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Sales rows generated from a seed, written as CSV, TSV, semicolon CSV with decimal commas, JSON Lines or XLSX,
 * with the totals computed here, independently of Druid and of the generator, that Druid must give back.
 *
 * <p>Columns: {@code ts} (ISO-8601 UTC), {@code country}, {@code device}, {@code channel} (5 x 3 x 2 values),
 * {@code units} (1..1000) and {@code revenue} (cents, written with two decimals).
 */
final class SalesFile {

    /** How timestamps are spread. */
    enum Times {
        /** Whole hours over two days: rows repeat per hour and dimensions, so rollup pays. */
        WHOLE_HOURS,
        /** Any second over three days: rows are nearly unique. */
        SECONDS
    }

    record Sale(Instant time, String country, String device, String channel, long units, long revenueCents) {}

    static final List<String> DIMENSIONS = List.of("country", "device", "channel");
    private static final Instant START = Instant.parse("2024-03-04T00:00:00Z");
    private static final String[] COUNTRIES = {"FR", "DE", "US", "JP", "BR"};
    private static final String[] DEVICES = {"ios", "android", "web"};
    private static final String[] CHANNELS = {"store", "online"};

    private final List<Sale> sales;

    private SalesFile(List<Sale> sales) {
        this.sales = List.copyOf(sales);
    }

    static SalesFile generate(long seed, int rows, Times times) {
        Random random = new Random(seed);
        List<Sale> sales = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            Instant time = times == Times.WHOLE_HOURS
                    ? START.plus(Duration.ofHours(random.nextInt(48)))
                    : START.plusSeconds(random.nextInt(3 * 24 * 3600));
            sales.add(new Sale(
                    time,
                    COUNTRIES[random.nextInt(COUNTRIES.length)],
                    DEVICES[random.nextInt(DEVICES.length)],
                    CHANNELS[random.nextInt(CHANNELS.length)],
                    1 + random.nextInt(1000),
                    random.nextInt(500_000)));
        }
        return new SalesFile(sales);
    }

    int rows() {
        return sales.size();
    }

    long units() {
        return sales.stream().mapToLong(Sale::units).sum();
    }

    double revenue() {
        return sales.stream().mapToLong(Sale::revenueCents).sum() / 100.0;
    }

    Instant firstTime() {
        return sales.stream().map(Sale::time).min(Instant::compareTo).orElseThrow();
    }

    Instant lastTime() {
        return sales.stream().map(Sale::time).max(Instant::compareTo).orElseThrow();
    }

    /** Distinct (truncated time, country, device, channel) tuples: the rows rollup keeps. */
    long distinctRows(UnaryOperator<Instant> truncate) {
        Set<List<Object>> keys = new HashSet<>();
        for (Sale s : sales) {
            keys.add(List.of(truncate.apply(s.time()), s.country(), s.device(), s.channel()));
        }
        return keys.size();
    }

    /** Druid's named query granularities, as plain java.time truncation in UTC. */
    static UnaryOperator<Instant> truncation(String granularity) {
        return switch (granularity.toUpperCase(Locale.ROOT)) {
            case "NONE" -> t -> t;
            case "SECOND" -> t -> t.truncatedTo(ChronoUnit.SECONDS);
            case "MINUTE" -> t -> t.truncatedTo(ChronoUnit.MINUTES);
            case "HOUR" -> t -> t.truncatedTo(ChronoUnit.HOURS);
            case "DAY" -> t -> t.truncatedTo(ChronoUnit.DAYS);
            default -> throw new IllegalArgumentException("no truncation for " + granularity);
        };
    }

    byte[] csv() {
        return delimited(',', false);
    }

    byte[] tsv() {
        return delimited('\t', false);
    }

    /** Semicolons and decimal commas, as spreadsheets in much of Europe write CSV: Druid cannot read it as is. */
    byte[] semicolonsWithDecimalComma() {
        return delimited(';', true);
    }

    private byte[] delimited(char d, boolean decimalComma) {
        StringBuilder text = new StringBuilder(String.join(String.valueOf(d), header())).append('\n');
        for (Sale s : sales) {
            String revenue = revenueText(s);
            text.append(s.time())
                    .append(d)
                    .append(s.country())
                    .append(d)
                    .append(s.device())
                    .append(d)
                    .append(s.channel())
                    .append(d)
                    .append(s.units())
                    .append(d)
                    .append(decimalComma ? revenue.replace('.', ',') : revenue)
                    .append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] jsonLines() {
        StringBuilder text = new StringBuilder();
        for (Sale s : sales) {
            text.append(String.format(
                    Locale.ROOT,
                    "{\"ts\":\"%s\",\"country\":\"%s\",\"device\":\"%s\",\"channel\":\"%s\",\"units\":%d,"
                            + "\"revenue\":%s}%n",
                    s.time(),
                    s.country(),
                    s.device(),
                    s.channel(),
                    s.units(),
                    revenueText(s)));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One sheet, timestamps as date-formatted cells, units and revenue as numeric cells. */
    byte[] xlsx() {
        List<List<Object>> rows = new ArrayList<>(sales.size());
        for (Sale s : sales) {
            rows.add(List.of(s.time(), s.country(), s.device(), s.channel(), s.units(), s.revenueCents() / 100.0));
        }
        return Spreadsheets.xlsx("sales", header(), rows);
    }

    private static List<String> header() {
        return List.of("ts", "country", "device", "channel", "units", "revenue");
    }

    private static String revenueText(Sale s) {
        return String.format(Locale.ROOT, "%d.%02d", s.revenueCents() / 100, s.revenueCents() % 100);
    }
}
