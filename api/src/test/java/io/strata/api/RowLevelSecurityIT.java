package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;

/**
 * Row-level security as a property, on the real Druid: two tenants share one datasource under the policy
 * {@code tenant IN claim.tenant}. Random filters, groupings and measures are asked by both tenants — through GraphQL
 * queries, again through the cache (the same question right after the other tenant asked it), and through live
 * subscriptions open side by side — and every answer must equal what the test computes from that tenant's own rows
 * alone: never a row, a group or an aggregate of the other tenant.
 *
 * <p>The seed is printed; {@code -Drls.seed=N} replays a run, {@code -Drls.cases=N} asks more questions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowLevelSecurityIT {

    static final String DATASET = "rls_sales";
    static final Map<String, List<String>> COUNTRIES =
            Map.of("acme", List.of("FR", "DE", "GB"), "globex", List.of("US", "CA", "GB"));
    static final List<String> DEVICES = List.of("ios", "android", "web");
    static final List<String> DIMENSIONS = List.of("tenant", "country", "device");
    static final Map<String, String> CLIENTS = Map.of("acme", "acme-viewer", "globex", "globex-viewer");

    @LocalServerPort
    int port;

    final long seed = Long.getLong("rls.seed", System.nanoTime());
    final int cases = Integer.getInteger("rls.cases", 30);
    final Random random = new Random(seed);
    final List<Row> rows = new ArrayList<>();
    final Map<String, GraphQl> clients = new HashMap<>();

    record Row(Instant at, String tenant, String country, String device, long quantity, long revenueCents) {

        Object value(String column) {
            return switch (column) {
                case "tenant" -> tenant;
                case "country" -> country;
                case "device" -> device;
                case "quantity" -> quantity;
                default -> throw new IllegalArgumentException(column);
            };
        }
    }

    /** A FilterInput and the same condition evaluated in the test. */
    record GeneratedFilter(Map<String, Object> input, Predicate<Row> test, String text) {}

    /** A measure as GraphQL asks it and how the test computes it over rows (null over no rows, as SQL). */
    record GeneratedMeasure(Map<String, Object> input, Function<List<Row>, Double> compute, String text) {}

    @BeforeAll
    void ingestTwoTenantsAndSetThePolicy() {
        System.out.println("RowLevelSecurityIT seed " + seed + " (replay with -Drls.seed=" + seed + ")");
        Random data = new Random(seed ^ 0x5DEECE66DL);
        StringBuilder csv = new StringBuilder("timestamp,tenant,country,device,quantity,revenue\n");
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        for (int i = 0; i < 800; i++) {
            String tenant = data.nextInt(3) == 0 ? "globex" : "acme";
            Row row = new Row(
                    start.plus(i * 17L, ChronoUnit.MINUTES),
                    tenant,
                    pick(data, COUNTRIES.get(tenant)),
                    pick(data, DEVICES),
                    1 + data.nextInt(50),
                    100 + data.nextInt(50_000));
            rows.add(row);
            csv.append(row.at())
                    .append(',')
                    .append(row.tenant())
                    .append(',')
                    .append(row.country())
                    .append(',')
                    .append(row.device())
                    .append(',')
                    .append(row.quantity())
                    .append(',')
                    .append(String.format(Locale.ROOT, "%d.%02d", row.revenueCents() / 100, row.revenueCents() % 100))
                    .append('\n');
        }
        StrataHttp analyst = new StrataHttp(port);
        analyst.awaitStatus(
                (String) analyst.upload(DATASET, "tenants.csv", csv.toString(), "create")
                        .get("taskId"),
                "SUCCEEDED");
        GraphQl admin = GraphQl.as(port, "strata-admin");
        admin.post("mutation { setRowPolicy(dataset: \"" + DATASET + "\", name: \"by_tenant\", column: \"tenant\", "
                        + "claim: \"tenant\") { name } }")
                .ok("setRowPolicy");
        CLIENTS.forEach((tenant, client) -> clients.put(tenant, GraphQl.as(port, client)));
        clients.put("admin", admin);
    }

    @Test
    void randomKpisAnswerEachTenantFromItsOwnRowsOnlyAlsoFromTheCache() {
        for (int i = 0; i < cases; i++) {
            List<GeneratedMeasure> measures = measures();
            GeneratedFilter filter = random.nextInt(4) == 0 ? null : filter(2);
            String document = "query($d: ID!, $m: [MeasureInput!]!, $f: FilterInput) { kpis(dataset: $d, measures: "
                    + "$m, filter: $f) { measure value } }";
            Map<String, Object> variables = variables(measures, filter);
            // acme, then globex asking the very same question (a cache hit if keys were shared), then acme again.
            for (String tenant : List.of("acme", "globex", "acme", "admin")) {
                List<Map<String, Object>> kpis =
                        clients.get(tenant).post(document, variables).ok("kpis");
                List<Row> visible = visible(tenant, filter);
                for (int m = 0; m < measures.size(); m++) {
                    expectValue(
                            kpis.get(m).get("value"),
                            measures.get(m).compute().apply(visible),
                            describe(tenant, measures.get(m).text(), filter));
                }
            }
        }
    }

    @Test
    void randomTopNAndTablesNeverShowAnotherTenantsGroups() {
        for (int i = 0; i < cases; i++) {
            GeneratedMeasure measure = measure();
            GeneratedFilter filter = random.nextInt(3) == 0 ? null : filter(2);
            String dimension = pick(random, DIMENSIONS);
            List<String> grouping = random.nextBoolean()
                    ? List.of(dimension)
                    : List.of(
                            dimension,
                            pick(
                                    random,
                                    DIMENSIONS.stream()
                                            .filter(d -> !d.equals(dimension))
                                            .toList()));
            for (String tenant : List.of("globex", "acme", "globex")) {
                List<Row> visible = visible(tenant, filter);
                String context = describe(tenant, measure.text() + " by " + grouping, filter);

                Map<String, Object> top = new HashMap<>(variables(List.of(measure), filter));
                top.put("dim", dimension);
                top.put("one", measure.input());
                List<Map<String, Object>> entries = clients.get(tenant)
                        .post(
                                "query($d: ID!, $dim: String!, $one: MeasureInput!, $f: FilterInput) { topN(dataset: "
                                        + "$d, dimension: $dim, measure: $one, filter: $f, limit: 10) { dimensionValue "
                                        + "value } }",
                                top)
                        .ok("topN");
                Map<List<Object>, Double> expectedTop = grouped(visible, List.of(dimension), measure);
                assertThat(entries).as(context).hasSize(expectedTop.size());
                for (Map<String, Object> entry : entries) {
                    List<Object> key = List.of(entry.get("dimensionValue"));
                    assertThat(expectedTop).as(context).containsKey(key);
                    expectValue(entry.get("value"), expectedTop.get(key), context + " " + key);
                }

                Map<List<Object>, Double> table = table(tenant, grouping, measure, filter);
                Map<List<Object>, Double> expectedTable = grouped(visible, grouping, measure);
                assertThat(table.keySet()).as(context).isEqualTo(expectedTable.keySet());
                table.forEach((key, value) -> expectValue(value, expectedTable.get(key), context + " " + key));
                if (grouping.contains("tenant") && !tenant.equals("admin")) {
                    assertThat(table.keySet()).as(context).allSatisfy(key -> assertThat(
                                    key.get(grouping.indexOf("tenant")))
                            .isEqualTo(tenant));
                }
            }
        }
    }

    @Test
    void randomTimeSeriesSplitsStayInsideTheTenant() {
        for (int i = 0; i < Math.max(5, cases / 3); i++) {
            GeneratedMeasure measure = measure();
            GeneratedFilter filter = random.nextInt(3) == 0 ? null : filter(1);
            String split = random.nextBoolean() ? null : pick(random, List.of("country", "device"));
            for (String tenant : List.of("acme", "globex")) {
                Map<String, Object> variables = new HashMap<>(variables(List.of(measure), filter));
                variables.put("s", split);
                List<Map<String, Object>> buckets = clients.get(tenant)
                        .post(
                                "query($d: ID!, $m: [MeasureInput!]!, $f: FilterInput, $s: String) { timeseries("
                                        + "dataset: $d, measures: $m, granularity: DAY, filter: $f, splitBy: $s, "
                                        + "limit: 100) { time split values { value } } }",
                                variables)
                        .ok("timeseries");
                List<String> keys = split == null ? List.of() : List.of(split);
                Map<List<Object>, Double> expected = new TreeMap<>(Comparator.KEYS);
                visible(tenant, filter).stream()
                        .collect(Collectors.groupingBy(row -> {
                            List<Object> key = new ArrayList<>();
                            key.add(row.at().truncatedTo(ChronoUnit.DAYS).toString());
                            keys.forEach(k -> key.add(row.value(k)));
                            return key;
                        }))
                        .forEach((key, group) ->
                                expected.put(key, measure.compute().apply(group)));
                Map<List<Object>, Double> actual = new TreeMap<>(Comparator.KEYS);
                for (Map<String, Object> bucket : buckets) {
                    List<Object> key = new ArrayList<>();
                    key.add(Instant.parse((String) bucket.get("time")).toString());
                    if (split != null) {
                        key.add(bucket.get("split"));
                    }
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> values = (List<Map<String, Object>>) bucket.get("values");
                    actual.put(key, number(values.get(0).get("value")));
                }
                String context = describe(tenant, measure.text() + " per DAY split by " + split, filter);
                assertThat(actual.keySet()).as(context).isEqualTo(expected.keySet());
                actual.forEach((key, value) -> expectValue(value, expected.get(key), context + " " + key));
            }
        }
    }

    @Test
    void liveSubscriptionsOfBothTenantsSideBySideEachGetTheirOwnNumbers() {
        List<WebSocketGraphQlTester> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < Math.max(3, cases / 10); i++) {
                List<GeneratedMeasure> measures = measures();
                GeneratedFilter filter = random.nextBoolean() ? null : filter(1);
                Map<String, Object> variables = variables(measures, filter);
                Map<String, Flux<List<Object>>> streams = new LinkedHashMap<>();
                for (String tenant : List.of("acme", "globex")) {
                    WebSocketGraphQlTester ws = WebSocketGraphQlTester.builder(
                                    URI.create("ws://localhost:" + port + "/graphql"),
                                    new ReactorNettyWebSocketClient())
                            .interceptor(TestTokens.webSocket(port, CLIENTS.get(tenant)))
                            .build();
                    sockets.add(ws);
                    streams.put(
                            tenant,
                            ws.document(
                                            "subscription($d: ID!, $m: [MeasureInput!]!, $f: FilterInput) { liveKpis("
                                                    + "dataset: $d, measures: $m, filter: $f, refreshSeconds: 3600) { value } }")
                                    .variables(variables)
                                    .executeSubscription()
                                    .toFlux("liveKpis", List.class)
                                    .map(values -> (List<Object>) values));
                }
                // Both open at once, sharing nothing: each first value is its tenant's own.
                Map<String, List<Object>> first = Flux.merge(streams.entrySet().stream()
                                .map(e -> e.getValue().take(1).map(values -> Map.entry(e.getKey(), values)))
                                .toList())
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                        .block(Duration.ofSeconds(60));
                for (String tenant : List.of("acme", "globex")) {
                    List<Row> visible = visible(tenant, filter);
                    for (int m = 0; m < measures.size(); m++) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> value =
                                (Map<String, Object>) first.get(tenant).get(m);
                        expectValue(
                                value.get("value"),
                                measures.get(m).compute().apply(visible),
                                describe(tenant, "live " + measures.get(m).text(), filter));
                    }
                }
            }
        } finally {
            sockets.forEach(ws -> ws.stop().block(Duration.ofSeconds(10)));
        }
    }

    @Test
    void askingForTheOtherTenantByNameFindsNothing() {
        Map<String, Object> variables = variables(
                List.of(countMeasure()),
                new GeneratedFilter(Map.of("dimension", "tenant", "eq", "globex"), row -> false, "tenant = globex"));
        List<Map<String, Object>> kpis = clients.get("acme")
                .post(
                        "query($d: ID!, $m: [MeasureInput!]!, $f: FilterInput) { kpis(dataset: $d, measures: $m, "
                                + "filter: $f) { value } }",
                        variables)
                .ok("kpis");
        assertThat(number(kpis.get(0).get("value"))).isZero();
    }

    // ---- generators ------------------------------------------------------------------------------------------------

    private List<GeneratedMeasure> measures() {
        List<GeneratedMeasure> measures = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            measures.add(measure());
        }
        return measures;
    }

    private GeneratedMeasure measure() {
        return switch (random.nextInt(7)) {
            case 0 -> countMeasure();
            case 1 -> new GeneratedMeasure(
                    Map.of("column", "quantity", "aggregate", "SUM"), sum(Row::quantity), "SUM(quantity)");
            case 2 -> new GeneratedMeasure(
                    Map.of("column", "quantity", "aggregate", "MIN"),
                    rows -> rows.stream().mapToDouble(Row::quantity).min().stream()
                            .boxed()
                            .findFirst()
                            .orElse(null),
                    "MIN(quantity)");
            case 3 -> new GeneratedMeasure(
                    Map.of("column", "quantity", "aggregate", "MAX"),
                    rows -> rows.stream().mapToDouble(Row::quantity).max().stream()
                            .boxed()
                            .findFirst()
                            .orElse(null),
                    "MAX(quantity)");
            case 4 -> new GeneratedMeasure(
                    Map.of("column", "revenue", "aggregate", "SUM"),
                    rows -> rows.isEmpty()
                            ? null
                            : rows.stream().mapToLong(Row::revenueCents).sum() / 100.0,
                    "SUM(revenue)");
            case 5 -> new GeneratedMeasure(
                    Map.of("column", "country", "aggregate", "COUNT_DISTINCT"),
                    rows -> (double) rows.stream().map(Row::country).distinct().count(),
                    "COUNT_DISTINCT(country)");
            default -> new GeneratedMeasure(
                    Map.of("column", "tenant", "aggregate", "COUNT_DISTINCT"),
                    rows -> (double) rows.stream().map(Row::tenant).distinct().count(),
                    "COUNT_DISTINCT(tenant)");
        };
    }

    private static GeneratedMeasure countMeasure() {
        return new GeneratedMeasure(Map.of("aggregate", "COUNT"), rows -> (double) rows.size(), "COUNT");
    }

    private static Function<List<Row>, Double> sum(java.util.function.ToLongFunction<Row> column) {
        return rows ->
                rows.isEmpty() ? null : (double) rows.stream().mapToLong(column).sum();
    }

    /** A random filter of at most {@code depth} levels, over every tenant's values (so some name the other one). */
    private GeneratedFilter filter(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 5);
        switch (kind) {
            case 0 -> {
                String column = pick(random, DIMENSIONS);
                String value = pick(random, values(column));
                return new GeneratedFilter(
                        Map.of("dimension", column, "eq", value),
                        row -> row.value(column).equals(value),
                        column + " = " + value);
            }
            case 1 -> {
                String column = pick(random, DIMENSIONS);
                List<String> values = values(column).stream()
                        .filter(v -> random.nextBoolean())
                        .toList();
                List<String> in = values.isEmpty() ? List.of(values(column).get(0)) : values;
                return new GeneratedFilter(
                        Map.of("dimension", column, "in", in),
                        row -> in.contains(row.value(column)),
                        column + " IN " + in);
            }
            case 2 -> {
                long bound = 1 + random.nextInt(50);
                boolean greater = random.nextBoolean();
                return new GeneratedFilter(
                        Map.of("dimension", "quantity", greater ? "gt" : "lte", (double) bound),
                        row -> greater ? row.quantity() > bound : row.quantity() <= bound,
                        "quantity " + (greater ? ">" : "<=") + " " + bound);
            }
            case 3 -> {
                String column = pick(random, List.of("country", "device", "tenant"));
                String value = pick(random, values(column));
                String pattern = "%" + value.substring(1);
                Pattern regex = Pattern.compile(".*" + Pattern.quote(value.substring(1)));
                return new GeneratedFilter(
                        Map.of("dimension", column, "like", pattern),
                        row -> regex.matcher((String) row.value(column)).matches(),
                        column + " LIKE " + pattern);
            }
            case 4 -> {
                return new GeneratedFilter(
                        Map.of("dimension", "device", "isNull", false), row -> true, "device IS NOT NULL");
            }
            case 5 -> {
                GeneratedFilter inner = filter(depth - 1);
                return new GeneratedFilter(
                        Map.of("not", inner.input()), inner.test().negate(), "NOT (" + inner.text() + ")");
            }
            default -> {
                boolean and = kind == 6;
                List<GeneratedFilter> parts = List.of(filter(depth - 1), filter(depth - 1));
                Predicate<Row> test = and
                        ? parts.get(0).test().and(parts.get(1).test())
                        : parts.get(0).test().or(parts.get(1).test());
                return new GeneratedFilter(
                        Map.of(
                                and ? "and" : "or",
                                parts.stream().map(GeneratedFilter::input).toList()),
                        test,
                        "(" + parts.get(0).text() + (and ? " AND " : " OR ")
                                + parts.get(1).text() + ")");
            }
        }
    }

    private static List<String> values(String column) {
        return switch (column) {
            case "tenant" -> List.of("acme", "globex");
            case "country" -> List.of("FR", "DE", "GB", "US", "CA");
            default -> DEVICES;
        };
    }

    // ---- expectations ----------------------------------------------------------------------------------------------

    /** The rows {@code tenant} may see (every row for the admin) that pass {@code filter}. */
    private List<Row> visible(String tenant, GeneratedFilter filter) {
        return rows.stream()
                .filter(row -> tenant.equals("admin") || row.tenant().equals(tenant))
                .filter(row -> filter == null || filter.test().test(row))
                .toList();
    }

    private static Map<List<Object>, Double> grouped(
            List<Row> rows, List<String> dimensions, GeneratedMeasure measure) {
        Map<List<Object>, Double> groups = new HashMap<>();
        rows.stream()
                .collect(Collectors.groupingBy(
                        row -> dimensions.stream().map(row::value).toList()))
                .forEach((key, group) -> groups.put(key, measure.compute().apply(group)));
        return groups;
    }

    /** Every page of a table, by dimension values; fails on a row seen twice. */
    @SuppressWarnings("unchecked")
    private Map<List<Object>, Double> table(
            String tenant, List<String> dimensions, GeneratedMeasure measure, GeneratedFilter filter) {
        Map<List<Object>, Double> all = new HashMap<>();
        Set<String> cursors = new HashSet<>();
        String after = null;
        int first = 1 + random.nextInt(4);
        do {
            Map<String, Object> variables = new HashMap<>(variables(List.of(measure), filter));
            variables.put("dims", dimensions);
            variables.put("first", first);
            variables.put("after", after);
            Map<String, Object> connection = clients.get(tenant)
                    .post(
                            "query($d: ID!, $dims: [String!]!, $m: [MeasureInput!], $f: FilterInput, $first: Int, "
                                    + "$after: String) { table(dataset: $d, dimensions: $dims, measures: $m, filter: "
                                    + "$f, first: $first, after: $after) { edges { cursor node { dimensions { value } "
                                    + "values { value } } } pageInfo { hasNextPage endCursor } } }",
                            variables)
                    .ok("table");
            for (Map<String, Object> edge : (List<Map<String, Object>>) connection.get("edges")) {
                assertThat(cursors.add((String) edge.get("cursor"))).isTrue();
                Map<String, Object> node = (Map<String, Object>) edge.get("node");
                List<Object> key = ((List<Map<String, Object>>) node.get("dimensions"))
                        .stream().map(d -> d.get("value")).toList();
                Object value =
                        ((List<Map<String, Object>>) node.get("values")).get(0).get("value");
                assertThat(all.put(key, number(value))).as("row %s twice", key).isNull();
            }
            Map<String, Object> page = (Map<String, Object>) connection.get("pageInfo");
            after = Boolean.TRUE.equals(page.get("hasNextPage")) ? (String) page.get("endCursor") : null;
        } while (after != null);
        return all;
    }

    private static Map<String, Object> variables(List<GeneratedMeasure> measures, GeneratedFilter filter) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("d", DATASET);
        variables.put("m", measures.stream().map(GeneratedMeasure::input).toList());
        variables.put("f", filter == null ? null : filter.input());
        return variables;
    }

    private static void expectValue(Object actual, Double expected, String context) {
        Double value = number(actual);
        if (expected == null) {
            assertThat(value).as(context).isNull();
        } else {
            assertThat(value).as(context).isNotNull();
            assertThat(value).as(context).isCloseTo(expected, within(1e-6 * Math.max(1.0, Math.abs(expected))));
        }
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private String describe(String tenant, String what, GeneratedFilter filter) {
        return tenant + ": " + what + (filter == null ? "" : " WHERE " + filter.text()) + " (seed " + seed + ")";
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Orders keys of mixed strings, so maps print in a readable order. */
    enum Comparator implements java.util.Comparator<List<Object>> {
        KEYS;

        @Override
        public int compare(List<Object> a, List<Object> b) {
            return Objects.toString(a).compareTo(Objects.toString(b));
        }
    }
}
