package io.strata.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;

/**
 * A CSV of sales rows (timestamp, country, device, quantity, revenue) made from a seed, with its totals computed
 * independently of Strata and Druid, while the rows are written.
 */
record SalesFile(String csv, int rows, long quantity, double revenue) {

    static SalesFile generate(long seed, int rows) {
        Random random = new Random(seed);
        String[] countries = {"FR", "DE", "US", "JP", "BR"};
        String[] devices = {"ios", "android", "web"};
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        StringBuilder csv = new StringBuilder("timestamp,country,device,quantity,revenue\n");
        long quantity = 0;
        long revenueCents = 0;
        for (int i = 0; i < rows; i++) {
            Instant at = start.plus(i * 7L, ChronoUnit.MINUTES);
            int q = 1 + random.nextInt(20);
            int cents = 100 + random.nextInt(100_000);
            quantity += q;
            revenueCents += cents;
            csv.append(at)
                    .append(',')
                    .append(countries[random.nextInt(countries.length)])
                    .append(',')
                    .append(devices[random.nextInt(devices.length)])
                    .append(',')
                    .append(q)
                    .append(',')
                    .append(String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100))
                    .append('\n');
        }
        return new SalesFile(csv.toString(), rows, quantity, revenueCents / 100.0);
    }
}
