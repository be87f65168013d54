package io.strata.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.security.ClaimPath;
import io.strata.api.security.Role;
import io.strata.api.security.RowPolicy;
import io.strata.api.security.SecurityScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The result cache over an in-memory fake of our Druid SQL port: hits within a data version, never across. */
class QueryCacheTest {

    static final KpiQuery COUNT = new KpiQuery("sales", List.of(new Measure("count", null, null)), null, null, false);

    AnalyticsFixture fixture;

    @BeforeEach
    void wire() {
        fixture = new AnalyticsFixture();
        fixture.directory.put("sales", 1);
    }

    @Test
    void theSameQuestionAtTheSameDataVersionIsAnsweredFromTheCache() {
        fixture.druid.answer(10L);
        assertThat(count()).isEqualTo(10.0);
        fixture.druid.answer(11L);
        assertThat(count()).as("cached").isEqualTo(10.0);
        assertThat(fixture.druid.queries()).isEqualTo(1);
    }

    @Test
    void aNewDataVersionIsNeverAnsweredFromAnOlderOne() {
        fixture.druid.answer(10L);
        assertThat(count()).isEqualTo(10.0);
        fixture.druid.answer(12L);
        fixture.directory.put("sales", 2); // an ingestion succeeded
        assertThat(count()).isEqualTo(12.0);
        assertThat(fixture.druid.queries()).isEqualTo(2);
    }

    @Test
    void aDifferentQuestionIsADifferentEntry() {
        count();
        KpiQuery filtered = new KpiQuery(
                "sales",
                COUNT.measures(),
                new Filter(null, null, null, "country", "FR", null, null, null, null, null, null, null),
                null,
                false);
        StepVerifier.create(fixture.kpis.kpis(filtered, SecurityScope.UNRESTRICTED))
                .expectNextCount(1)
                .verifyComplete();
        assertThat(fixture.druid.queries()).isEqualTo(2);
    }

    @Test
    void aTimeseriesOverMoreBucketsThanAllowedIsRefusedBeforeDruidIsAsked() {
        TimeseriesQuery minutes = new TimeseriesQuery(
                "sales",
                COUNT.measures(),
                Granularity.MINUTE,
                null,
                new Interval(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z")),
                "UTC",
                null,
                null);
        StepVerifier.create(fixture.timeseries.timeseries(minutes, SecurityScope.UNRESTRICTED))
                .expectErrorSatisfies(e -> assertThat(e)
                        .hasMessageContaining("44640 MINUTE buckets")
                        .hasMessageContaining("strata.analytics.max-buckets"))
                .verify(Duration.ofSeconds(5));
        assertThat(fixture.druid.queries()).isZero();
    }

    @Test
    void callersUnderDifferentRowFiltersNeverShareAnAnswerButEqualFiltersDo() {
        fixture.rules.setPolicy(
                new RowPolicy("sales", "tenant", "country", new ClaimPath("tenant"), null, null),
                SecurityScope.UNRESTRICTED);
        fixture.druid.answer(10L);
        assertThat(count(tenant("acme", "ann"))).isEqualTo(10.0);
        fixture.druid.answer(20L);
        assertThat(count(tenant("globex", "gus")))
                .as("another tenant's answer is never reused")
                .isEqualTo(20.0);
        assertThat(count(tenant("acme", "al")))
                .as("the same filter shares the entry")
                .isEqualTo(10.0);
        assertThat(count(SecurityScope.UNRESTRICTED)).as("admins see every row").isEqualTo(20.0);
        assertThat(fixture.druid.queries()).isEqualTo(3);
    }

    @Test
    void whenDruidAnswersNullsForNoMatchingRowCountsAreStillZero() {
        fixture.druid.answerNulls();
        assertThat(count()).isEqualTo(0.0);
    }

    @Test
    void whenDruidAnswersNoRowCountsAreZeroAndOtherAggregatesNull() {
        fixture.druid.answerNoRows();
        KpiQuery three = new KpiQuery(
                "sales",
                List.of(
                        new Measure("count", null, null),
                        new Measure(null, "quantity", io.strata.api.analytics.expression.Aggregate.SUM),
                        new Measure(null, "country", io.strata.api.analytics.expression.Aggregate.COUNT_DISTINCT)),
                null,
                null,
                false);

        List<KpiValue> values =
                fixture.kpis.kpis(three, SecurityScope.UNRESTRICTED).block(Duration.ofSeconds(5));

        assertThat(values).extracting(KpiValue::value).containsExactly(0.0, null, 0.0);
    }

    private static SecurityScope tenant(String tenant, String subject) {
        return new SecurityScope(subject, null, Set.of(Role.VIEWER), Set.of(), Map.of("tenant", tenant));
    }

    private Double count(SecurityScope scope) {
        return fixture.kpis
                .kpis(COUNT, scope)
                .map(values -> values.get(0).value())
                .block(Duration.ofSeconds(5));
    }

    private Double count() {
        return fixture.kpis
                .kpis(COUNT, SecurityScope.UNRESTRICTED)
                .map(values -> values.get(0).value())
                .block(Duration.ofSeconds(5));
    }
}
