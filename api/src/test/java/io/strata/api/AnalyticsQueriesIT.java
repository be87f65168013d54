package io.strata.api;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.strata.api.SalesFile.Sale;
import io.strata.api.analytics.ResponseCache;
import io.strata.api.correlation.CorrelationId;
import io.strata.api.security.LocalTokenIssuer;
import io.strata.api.security.Role;
import io.strata.api.security.SignedTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;

/**
 * Every analytics query on the real local stack, over one generated CSV loaded once. Expected values are computed
 * here from the same rows the file was written from: exact for counts, sums of integers, min and max; sums of
 * two-decimal revenues within 0.01 (Druid adds doubles).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsQueriesIT {

    static final String DATASET = "analytics_sales";
    static final SalesFile FILE = SalesFile.generate(7, 3_000);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    LocalTokenIssuer issuer;

    @Autowired
    MeterRegistry registry;

    HttpGraphQlTester graphQl;

    @BeforeAll
    void loadTheFileOnce() {
        StrataHttp strata = new StrataHttp(port);
        graphQl = strata.graphQl;
        strata.ingest(DATASET, "sales.csv", FILE.csv());
    }

    @Test
    void kpisEqualTheFilesAggregates() {
        List<Map<String, Object>> kpis = list(
                graphQl.document(
                                """
                        { kpis(dataset: "analytics_sales", measures: [
                            {name: "count"}, {column: "quantity", aggregate: SUM}, {column: "quantity", aggregate: MIN},
                            {column: "quantity", aggregate: MAX}, {column: "quantity", aggregate: AVG},
                            {column: "country", aggregate: COUNT_DISTINCT}, {column: "revenue", aggregate: SUM},
                            {column: "device", aggregate: APPROX_COUNT_DISTINCT}]) { measure value } }
                        """)
                        .execute(),
                "kpis");
        List<Sale> sales = FILE.sales();
        assertThat(kpis)
                .extracting(m -> m.get("measure"))
                .containsExactly(
                        "count",
                        "SUM(quantity)",
                        "MIN(quantity)",
                        "MAX(quantity)",
                        "AVG(quantity)",
                        "COUNT_DISTINCT(country)",
                        "SUM(revenue)",
                        "APPROX_COUNT_DISTINCT(device)");
        assertThat(value(kpis, 0)).isEqualTo(sales.size());
        assertThat(value(kpis, 1)).isEqualTo(FILE.quantity());
        assertThat(value(kpis, 2))
                .isEqualTo(sales.stream().mapToInt(Sale::quantity).min().orElseThrow());
        assertThat(value(kpis, 3))
                .isEqualTo(sales.stream().mapToInt(Sale::quantity).max().orElseThrow());
        assertThat(value(kpis, 4)).isCloseTo((double) FILE.quantity() / sales.size(), within(1e-9));
        assertThat(value(kpis, 5)).isEqualTo(5);
        assertThat(value(kpis, 6)).isCloseTo(FILE.revenue(), within(0.01));
        // HLL on 3 values is exact in practice; documented tolerance: 2% of the true count.
        assertThat(value(kpis, 7)).isCloseTo(3, within(0.06));
    }

    @Test
    void kpisFilterByIntervalAndDimensionAndCompareWithThePreviousPeriod() {
        Instant start = Instant.parse("2024-03-05T00:00:00Z");
        Instant end = Instant.parse("2024-03-08T00:00:00Z");
        List<Map<String, Object>> kpis = list(
                graphQl.document(
                                """
                        query($start: DateTime, $end: DateTime) {
                          kpis(dataset: "analytics_sales", measures: [{name: "count"}, {name: "quantity"}],
                               filter: {or: [{dimension: "country", eq: "FR"}, {dimension: "country", in: ["DE"]}]},
                               interval: {start: $start, end: $end}, compareToPrevious: true) {
                            measure value previous change } }
                        """)
                        .variable("start", start.toString())
                        .variable("end", end.toString())
                        .execute(),
                "kpis");
        Predicate<Sale> country = s -> s.country().equals("FR") || s.country().equals("DE");
        Instant previousStart = start.minus(3, ChronoUnit.DAYS);
        long count = count(country.and(in(start, end)));
        long previous = count(country.and(in(previousStart, start)));
        long quantity = quantity(country.and(in(start, end)));
        long previousQuantity = quantity(country.and(in(previousStart, start)));
        assertThat(kpis.get(0).get("measure")).isEqualTo("count");
        assertThat(value(kpis, 0)).isEqualTo(count);
        assertThat(number(kpis.get(0), "previous")).isEqualTo(previous);
        assertThat(number(kpis.get(0), "change")).isCloseTo((count - previous) / (double) previous, within(1e-9));
        assertThat(value(kpis, 1)).isEqualTo(quantity);
        assertThat(number(kpis.get(1), "previous")).isEqualTo(previousQuantity);
    }

    @Test
    void timeseriesBucketsByDayInUtcAndInTokyo() {
        for (String zone : List.of("UTC", "Asia/Tokyo")) {
            List<Map<String, Object>> buckets = list(
                    graphQl.document(
                                    """
                            query($zone: String) {
                              timeseries(dataset: "analytics_sales", measures: [{name: "count"}, {name: "quantity"}],
                                         granularity: DAY, timeZone: $zone) { time split values { measure value } } }
                            """)
                            .variable("zone", zone)
                            .execute(),
                    "timeseries");
            ZoneId id = ZoneId.of(zone);
            Map<Instant, List<Sale>> expected = FILE.sales().stream()
                    .collect(groupingBy(
                            s -> s.at().atZone(id).truncatedTo(ChronoUnit.DAYS).toInstant(),
                            TreeMap::new,
                            Collectors.toList()));
            assertThat(buckets).as(zone).hasSize(expected.size());
            int i = 0;
            for (Map.Entry<Instant, List<Sale>> bucket : expected.entrySet()) {
                Map<String, Object> actual = buckets.get(i++);
                assertThat(Instant.parse((String) actual.get("time"))).isEqualTo(bucket.getKey());
                List<Map<String, Object>> values = (List<Map<String, Object>>) actual.get("values");
                assertThat(value(values, 0)).isEqualTo(bucket.getValue().size());
                assertThat(value(values, 1))
                        .isEqualTo(bucket.getValue().stream()
                                .mapToLong(Sale::quantity)
                                .sum());
            }
        }
    }

    @Test
    void timeseriesSplitByADimensionKeepsTheTopValuesByTheFirstMeasure() {
        List<Map<String, Object>> buckets = list(
                graphQl.document(
                                """
                        { timeseries(dataset: "analytics_sales", measures: [{name: "quantity"}], granularity: WEEK,
                                     splitBy: "country", limit: 2) { time split values { value } } }
                        """)
                        .execute(),
                "timeseries");
        Map<String, Long> byCountry =
                FILE.sales().stream().collect(groupingBy(Sale::country, summingLong(Sale::quantity)));
        List<String> top2 = byCountry.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(2)
                .map(Map.Entry::getKey)
                .toList();
        Map<String, Long> expected = new TreeMap<>();
        for (Sale s : FILE.sales()) {
            if (top2.contains(s.country())) {
                Instant week = s.at().atZone(ZoneId.of("UTC"))
                        .truncatedTo(ChronoUnit.DAYS)
                        .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                        .toInstant();
                expected.merge(week + "|" + s.country(), (long) s.quantity(), Long::sum);
            }
        }
        Map<String, Long> actual = new TreeMap<>();
        for (Map<String, Object> bucket : buckets) {
            List<Map<String, Object>> values = (List<Map<String, Object>>) bucket.get("values");
            actual.put(Instant.parse((String) bucket.get("time")) + "|" + bucket.get("split"), (long) value(values, 0));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void topNRanksADimensionByAMeasureExactly() {
        List<Map<String, Object>> entries = list(
                graphQl.document(
                                """
                        { topN(dataset: "analytics_sales", dimension: "country",
                               measure: {column: "revenue", aggregate: SUM}, limit: 3) {
                            dimensionValue measure value } }
                        """)
                        .execute(),
                "topN");
        Map<String, Long> cents =
                FILE.sales().stream().collect(groupingBy(Sale::country, summingLong(Sale::revenueCents)));
        List<Map.Entry<String, Long>> top = cents.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3)
                .toList();
        assertThat(entries).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(entries.get(i).get("dimensionValue"))
                    .isEqualTo(top.get(i).getKey());
            assertThat(entries.get(i).get("measure")).isEqualTo("SUM(revenue)");
            assertThat(number(entries.get(i), "value")).isCloseTo(top.get(i).getValue() / 100.0, within(0.01));
        }
    }

    @Test
    void tablePagesByCursorThroughEveryRowInOrderWithoutRepeats() {
        Map<String, long[]> expected = new LinkedHashMap<>();
        FILE.sales().stream()
                .collect(groupingBy(s -> s.country() + "|" + s.device(), summingLong(Sale::quantity)))
                .entrySet()
                .stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> expected.put(e.getKey(), new long[] {e.getValue()}));

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            GraphQlTester.Response response = graphQl.document(
                            """
                            query($after: String) {
                              table(dataset: "analytics_sales", dimensions: ["country", "device"],
                                    measures: [{name: "quantity"}, {name: "count"}],
                                    orderBy: [{field: "quantity", direction: DESC}], first: 4, after: $after) {
                                edges { cursor node { dimensions { dimension value } values { measure value } } }
                                pageInfo { hasNextPage endCursor } } }
                            """)
                    .variable("after", after)
                    .execute();
            Map<String, Object> page =
                    response.errors().verify().path("table").entity(Map.class).get();
            List<Map<String, Object>> edges = (List<Map<String, Object>>) page.get("edges");
            for (Map<String, Object> edge : edges) {
                Map<String, Object> node = (Map<String, Object>) edge.get("node");
                List<Map<String, Object>> dims = (List<Map<String, Object>>) node.get("dimensions");
                String key = dims.get(0).get("value") + "|" + dims.get(1).get("value");
                seen.add(key);
                assertThat(value((List<Map<String, Object>>) node.get("values"), 0))
                        .as(key)
                        .isEqualTo(expected.get(key)[0]);
            }
            Map<String, Object> pageInfo = (Map<String, Object>) page.get("pageInfo");
            after = Boolean.TRUE.equals(pageInfo.get("hasNextPage")) ? (String) pageInfo.get("endCursor") : null;
            pages++;
        } while (after != null && pages < 20);
        assertThat(seen).containsExactlyElementsOf(expected.keySet());
        assertThat(pages).isEqualTo((expected.size() + 3) / 4);
    }

    @Test
    void namedMeasuresAreDefinedValidatedListedQueriedAndDropped() {
        graphQl.document(
                        """
                        mutation { defineMeasure(dataset: "analytics_sales", name: "revenue_per_item",
                                                 expression: "SUM(revenue) / NULLIF(quantity, 0)") {
                            name expression builtIn } }
                        """)
                .execute()
                .errors()
                .verify()
                .path("defineMeasure.expression")
                .entity(String.class)
                .isEqualTo("(SUM(revenue) / NULLIF(quantity, 0))");
        graphQl.document(
                        """
                        mutation { defineMeasure(dataset: "analytics_sales", name: "doubled",
                                                 expression: "revenue_per_item * 2") { name } }
                        """)
                .execute()
                .errors()
                .verify();

        List<Map<String, Object>> measures = list(
                graphQl.document(
                                """
                        { dataset(name: "analytics_sales") { measures { name builtIn } } }
                        """)
                        .execute(),
                "dataset.measures");
        assertThat(measures)
                .extracting(m -> m.get("name"))
                .contains("count", "quantity", "revenue", "revenue_per_item", "doubled");

        List<Map<String, Object>> kpis = list(
                graphQl.document(
                                """
                        { kpis(dataset: "analytics_sales", measures: [{name: "revenue_per_item"}, {name: "doubled"}]) {
                            measure value } }
                        """)
                        .execute(),
                "kpis");
        double expected = FILE.revenue() / FILE.quantity();
        assertThat(number(kpis.get(0), "value")).isCloseTo(expected, within(1e-6));
        assertThat(number(kpis.get(1), "value")).isCloseTo(2 * expected, within(1e-6));

        graphQl.document(
                        """
                        mutation { defineMeasure(dataset: "analytics_sales", name: "bad", expression: "SUM(nope)") {
                            name } }
                        """)
                .execute()
                .errors()
                .satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.get(0).getExtensions()).containsEntry("code", "BAD_REQUEST");
                    assertThat((List<String>) errors.get(0).getExtensions().get("validColumns"))
                            .contains("country", "quantity");
                });
        graphQl.document("mutation { dropMeasure(dataset: \"analytics_sales\", name: \"revenue_per_item\") }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("doubled"));
        graphQl.document("mutation { dropMeasure(dataset: \"analytics_sales\", name: \"doubled\") }")
                .execute()
                .path("dropMeasure")
                .entity(Boolean.class)
                .isEqualTo(true);
        graphQl.document("mutation { dropMeasure(dataset: \"analytics_sales\", name: \"revenue_per_item\") }")
                .execute()
                .path("dropMeasure")
                .entity(Boolean.class)
                .isEqualTo(true);
    }

    @Test
    void errorsCarryACodeAndNeverSqlText() {
        graphQl.document(
                        """
                        { kpis(dataset: "analytics_sales", measures: [{column: "nope", aggregate: SUM}]) { value } }
                        """)
                .execute()
                .errors()
                .satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.get(0).getExtensions()).containsEntry("code", "BAD_REQUEST");
                    assertThat((List<String>) errors.get(0).getExtensions().get("validColumns"))
                            .containsExactlyInAnyOrder(columns().toArray(String[]::new));
                    assertThat(errors.get(0).getMessage()).doesNotContain("SELECT");
                });
        graphQl.document("{ kpis(dataset: \"no_such_dataset\", measures: [{name: \"count\"}]) { value } }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "NOT_FOUND"));
        graphQl.document(
                        """
                        { timeseries(dataset: "analytics_sales", measures: [{name: "count"}], granularity: MINUTE) {
                            time } }
                        """)
                .execute()
                .errors()
                .satisfy(errors -> {
                    assertThat(errors.get(0).getExtensions())
                            .containsEntry("code", "BAD_REQUEST")
                            .containsEntry("limit", "strata.analytics.max-buckets");
                });
        graphQl.document(
                        """
                        { kpis(dataset: "analytics_sales", measures: [{name: "count"}],
                               interval: {start: "2024-03-02T00:00:00Z", end: "2024-03-01T00:00:00Z"}) { value } }
                        """)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors.get(0).getExtensions())
                        .containsEntry("code", "BAD_REQUEST")
                        .containsEntry("field", "interval"));
        graphQl.document(
                        """
                        { table(dataset: "analytics_sales", dimensions: ["country"], after: "bm90IGEgY3Vyc29y") {
                            pageInfo { hasNextPage } } }
                        """)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "BAD_REQUEST"));
    }

    @Test
    void aKeptAnswerIsServedAfterTheSecurityChainWithItsHeadersAndOnlyWhileTheTokenIsAccepted() {
        List<WebFilter> filters =
                context.getBeanProvider(WebFilter.class).orderedStream().toList();
        int kept = filters.indexOf(context.getBean(ResponseCache.class));
        assertThat(filters.get(kept - 1))
                .as("kept answers are served right after Spring Security's chain, inside it for every rule")
                .isInstanceOf(WebFilterChainProxy.class);

        // Expired 20 s ago: still accepted, for about ten seconds, inside the 30 s clock skew the server allows.
        Instant now = Instant.now();
        String token =
                SignedTokens.of(issuer, "strata-analyst", Role.ANALYST, now.minusSeconds(60), now.minusSeconds(20));
        String body = "{\"query\": \"{ kpis(dataset: \\\"analytics_sales\\\", measures: [{name: \\\"count\\\"}]) "
                + "{ value } }\"}";
        double hits = wholeAnswers("hit");
        EntityExchangeResult<String> computed = post(token, body);
        EntityExchangeResult<String> served = post(token, body);

        assertThat(computed.getStatus().value()).as(computed.toString()).isEqualTo(200);
        assertThat(served.getStatus().value()).as(served.toString()).isEqualTo(200);
        assertThat(wholeAnswers("hit")).isEqualTo(hits + 1);
        assertThat(served.getResponseBody())
                .isEqualTo(computed.getResponseBody())
                .contains("\"value\":" + FILE.rows() + ".0");
        assertThat(headers(served))
                .as(
                        "the headers Spring Security wrote (Cache-Control, X-Frame-Options, ...), as for the computed answer")
                .containsKeys("cache-control", "x-content-type-options", "x-frame-options")
                .isEqualTo(headers(computed));

        EntityExchangeResult<String> refused = Awaitility.await("the server refusing the expired token")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> post(token, body), answer -> answer.getStatus().value() != 200);
        assertThat(refused.getStatus().value()).isEqualTo(401);
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .contains("invalid_token");
    }

    private EntityExchangeResult<String> post(String token, String body) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri("/graphql")
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }

    /** The response's headers by lower-case name, without its own correlation id. */
    private static Map<String, List<String>> headers(EntityExchangeResult<String> result) {
        Map<String, List<String>> headers = new TreeMap<>();
        result.getResponseHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
        headers.remove(CorrelationId.HEADER.toLowerCase(java.util.Locale.ROOT));
        return headers;
    }

    private double wholeAnswers(String result) {
        return registry.get("strata.analytics.responses")
                .tag("result", result)
                .counter()
                .count();
    }

    private List<String> columns() {
        return list(
                        graphQl.document("{ dataset(name: \"analytics_sales\") { columns { name } } }")
                                .execute(),
                        "dataset.columns")
                .stream()
                .map(c -> (String) c.get("name"))
                .toList();
    }

    private static Predicate<Sale> in(Instant start, Instant end) {
        return s -> !s.at().isBefore(start) && s.at().isBefore(end);
    }

    private static long count(Predicate<Sale> which) {
        return FILE.sales().stream().filter(which).count();
    }

    private static long quantity(Predicate<Sale> which) {
        return FILE.sales().stream().filter(which).mapToLong(Sale::quantity).sum();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(GraphQlTester.Response response, String path) {
        return response.errors().verify().path(path).entityList(Map.class).get().stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
    }

    static double value(List<Map<String, Object>> values, int index) {
        return number(values.get(index), "value");
    }

    static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }
}
