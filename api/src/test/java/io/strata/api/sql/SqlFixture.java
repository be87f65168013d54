package io.strata.api.sql;

import io.strata.api.GraphQl;
import io.strata.api.StrataHttp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The data every SQL endpoint test reads, loaded once per JVM: {@value #SALES}, 2,000 generated sales of two tenants
 * under the row policy {@code tenant IN claim.tenant} (clients acme-viewer and globex-viewer), and
 * {@value #PRIVATE}, granted to group emea only. The rows are kept, so every expected number is computed here from
 * the file, independently of Strata and Druid.
 */
final class SqlFixture {

    static final String SALES = "sql_sales";
    static final String PRIVATE = "sql_private";
    static final List<String> COUNTRIES = List.of("FR", "DE", "US", "JP");
    static final List<String> DEVICES = List.of("ios", "android", "web");

    /** One row of the file; revenue in cents. */
    record Sale(Instant at, String tenant, String country, String device, long quantity, long revenueCents) {}

    private static SqlFixture loaded;

    final List<Sale> sales;

    private SqlFixture(List<Sale> sales) {
        this.sales = List.copyOf(sales);
    }

    static synchronized SqlFixture loaded(int port) {
        if (loaded == null) {
            loaded = load(port);
        }
        return loaded;
    }

    private static SqlFixture load(int port) {
        Random random = new Random(20_240_301L);
        List<Sale> sales = new ArrayList<>();
        StringBuilder csv = new StringBuilder("timestamp,tenant,country,device,quantity,revenue\n");
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        for (int i = 0; i < 2_000; i++) {
            Sale sale = new Sale(
                    start.plus(i * 5L, ChronoUnit.MINUTES),
                    random.nextInt(3) == 0 ? "globex" : "acme",
                    COUNTRIES.get(random.nextInt(COUNTRIES.size())),
                    DEVICES.get(random.nextInt(DEVICES.size())),
                    1 + random.nextInt(40),
                    100 + random.nextInt(90_000));
            sales.add(sale);
            csv.append(sale.at())
                    .append(',')
                    .append(sale.tenant())
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
        StrataHttp analyst = new StrataHttp(port);
        analyst.ingest(SALES, "sql_sales.csv", csv.toString());
        analyst.ingest(PRIVATE, "sql_private.csv", "timestamp,secret\n2024-03-01T00:00:00Z,hidden\n");
        GraphQl admin = GraphQl.as(port, "strata-admin");
        admin.post("mutation { setRowPolicy(dataset: \"" + SALES + "\", name: \"by_tenant\", column: \"tenant\", "
                        + "claim: \"tenant\") { name } }")
                .ok("setRowPolicy");
        admin.post("mutation { grantDatasetAccess(dataset: \"" + PRIVATE + "\", principal: {kind: GROUP, name: "
                        + "\"emea\"}, permission: READ) { kind } }")
                .ok("grantDatasetAccess");
        return new SqlFixture(sales);
    }

    /** The rows tenant {@code tenant} may see ("admin": all of them). */
    List<Sale> of(String tenant) {
        return sales.stream()
                .filter(s -> tenant.equals("admin") || s.tenant().equals(tenant))
                .toList();
    }

    /** count, sum(quantity) and sum(revenue) in cents of a tenant's rows that pass {@code filter}. */
    Totals totals(String tenant, Predicate<Sale> filter) {
        long count = 0;
        long quantity = 0;
        long cents = 0;
        for (Sale s : of(tenant)) {
            if (filter.test(s)) {
                count++;
                quantity += s.quantity();
                cents += s.revenueCents();
            }
        }
        return new Totals(count, quantity, cents);
    }

    Totals totals(String tenant) {
        return totals(tenant, s -> true);
    }

    /** Per country: [count, sum(quantity)] of a tenant's rows with quantity at least {@code min}. */
    Map<String, List<Long>> byCountry(String tenant, long min) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (Sale s : of(tenant)) {
            if (s.quantity() >= min) {
                List<Long> v = out.computeIfAbsent(s.country(), c -> new ArrayList<>(List.of(0L, 0L)));
                v.set(0, v.get(0) + 1);
                v.set(1, v.get(1) + s.quantity());
            }
        }
        return out;
    }

    /** count, sum(quantity), and sum(revenue) in cents. */
    record Totals(long count, long quantity, long revenueCents) {
        double revenue() {
            return revenueCents / 100.0;
        }
    }
}
