package io.strata.api.analytics.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strata.api.analytics.AnalyticsFixture;
import io.strata.api.analytics.KpiQuery;
import io.strata.api.analytics.KpiValue;
import io.strata.api.analytics.Measure;
import io.strata.api.analytics.expression.Aggregate;
import io.strata.api.security.AccessGrant;
import io.strata.api.security.ClaimPath;
import io.strata.api.security.Permission;
import io.strata.api.security.PrincipalKind;
import io.strata.api.security.Role;
import io.strata.api.security.RowPolicy;
import io.strata.api.security.SecurityScope;
import io.strata.ingestion.StrataException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Multiplexed live KPIs over an in-memory fake of our Druid SQL port, on virtual time. */
class LiveKpisTest {

    static final Duration REFRESH = Duration.ofSeconds(10);
    static final KpiQuery COUNT = new KpiQuery("sales", List.of(new Measure("count", null, null)), null, null, false);

    AnalyticsFixture fixture;
    SimpleMeterRegistry registry;
    LiveKpis live;

    @BeforeEach
    void wire() {
        fixture = new AnalyticsFixture();
        fixture.directory.put("sales", 1);
        registry = new SimpleMeterRegistry();
        live = new LiveKpis(
                fixture.models, fixture.kpis, fixture.versions, fixture.settings, fixture.securityChanges, registry);
    }

    @AfterEach
    void resetTime() {
        VirtualTimeScheduler.reset();
    }

    @Test
    void manySubscribersToTheSameQuestionShareOnePollerAndOneQueryPerRefresh() {
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        List<List<List<KpiValue>>> received = new ArrayList<>();
        List<Disposable> subscriptions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<List<KpiValue>> mine = new ArrayList<>();
            received.add(mine);
            subscriptions.add(
                    live.subscribe(COUNT, REFRESH, SecurityScope.UNRESTRICTED).subscribe(mine::add));
        }
        assertThat(live.pollers()).isEqualTo(1);
        assertThat(live.subscribers()).isEqualTo(5);
        assertThat(gauge("strata.analytics.live.pollers")).isEqualTo(1);
        assertThat(gauge("strata.analytics.live.subscribers")).isEqualTo(5);
        assertThat(fixture.druid.queries()).isEqualTo(1);

        for (int refresh = 1; refresh <= 3; refresh++) {
            fixture.druid.answer(100L + refresh);
            time.advanceTimeBy(REFRESH);
            assertThat(fixture.druid.queries()).isEqualTo(1 + refresh);
        }
        for (List<List<KpiValue>> mine : received) {
            assertThat(mine).extracting(values -> values.get(0).value()).containsExactly(1.0, 101.0, 102.0, 103.0);
        }

        subscriptions.forEach(Disposable::dispose);
        assertThat(live.pollers()).isZero();
        assertThat(live.subscribers()).isZero();
        time.advanceTimeBy(REFRESH.multipliedBy(3));
        assertThat(fixture.druid.queries()).as("no polling once everyone left").isEqualTo(4);
        assertThat(fixture.versions.listeners()).isZero();
    }

    @Test
    void pushesOnlyWhenTheValuesChange() {
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        List<List<KpiValue>> pushed = new ArrayList<>();
        Disposable subscription =
                live.subscribe(COUNT, REFRESH, SecurityScope.UNRESTRICTED).subscribe(pushed::add);
        time.advanceTimeBy(REFRESH.multipliedBy(3));
        assertThat(fixture.druid.queries()).isEqualTo(4);
        assertThat(pushed).hasSize(1);

        fixture.druid.answer(2L);
        time.advanceTimeBy(REFRESH);
        assertThat(pushed).extracting(values -> values.get(0).value()).containsExactly(1.0, 2.0);

        time.advanceTimeBy(REFRESH.multipliedBy(2));
        assertThat(pushed).hasSize(2);
        assertThat(fixture.druid.queries()).isEqualTo(7);
        subscription.dispose();
        assertThat(live.pollers()).isZero();
    }

    @Test
    void refreshesAtOnceWhenAnIngestionIntoTheDatasetSucceeds() {
        StepVerifier.withVirtualTime(() -> live.subscribe(COUNT, REFRESH, SecurityScope.UNRESTRICTED))
                .expectSubscription()
                .assertNext(values -> assertThat(values.get(0).value()).isEqualTo(1.0))
                .then(() -> {
                    fixture.druid.answer(7L);
                    fixture.directory.put("sales", 2);
                    fixture.versions.advance("other", 5);
                })
                .expectNoEvent(Duration.ofSeconds(1))
                .then(() -> fixture.versions.advance("sales", 2))
                .assertNext(values -> assertThat(values.get(0).value()).isEqualTo(7.0))
                .then(() -> assertThat(fixture.druid.queries()).isEqualTo(2))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aNewcomerGetsTheLastValueAtOnceWithoutAnotherQuery() {
        VirtualTimeScheduler.getOrSet();
        List<List<KpiValue>> first = new ArrayList<>();
        Disposable one =
                live.subscribe(COUNT, REFRESH, SecurityScope.UNRESTRICTED).subscribe(first::add);
        List<List<KpiValue>> second = new ArrayList<>();
        Disposable two =
                live.subscribe(COUNT, REFRESH, SecurityScope.UNRESTRICTED).subscribe(second::add);
        assertThat(second).hasSize(1);
        assertThat(fixture.druid.queries()).isEqualTo(1);
        one.dispose();
        two.dispose();
    }

    @Test
    void differentQuestionsHaveTheirOwnPollers() {
        VirtualTimeScheduler.getOrSet();
        KpiQuery other =
                new KpiQuery("sales", List.of(new Measure(null, "quantity", Aggregate.SUM)), null, null, false);
        Disposable a =
                live.subscribe(COUNT, REFRESH, SecurityScope.UNRESTRICTED).subscribe();
        Disposable b =
                live.subscribe(other, REFRESH, SecurityScope.UNRESTRICTED).subscribe();
        Disposable c = live.subscribe(COUNT, REFRESH.multipliedBy(2), SecurityScope.UNRESTRICTED)
                .subscribe();
        assertThat(live.pollers()).isEqualTo(3);
        a.dispose();
        b.dispose();
        c.dispose();
        assertThat(live.pollers()).isZero();
    }

    @Test
    void aFirstAnswerThatFailsUpstreamIsAskedAgainWithinSecondsNotAfterAWholePeriod() {
        fixture.druid.failNext(2);
        StepVerifier.withVirtualTime(() -> live.subscribe(COUNT, Duration.ofHours(1), SecurityScope.UNRESTRICTED))
                .expectSubscription()
                // Backoff 1 s then 2 s, each with up to 50% jitter: the third try is 1.5 s to 4.5 s in.
                .expectNoEvent(Duration.ofMillis(1_400))
                .thenAwait(Duration.ofMillis(3_200))
                .assertNext(values -> assertThat(values.get(0).value()).isEqualTo(1.0))
                .then(() -> assertThat(fixture.druid.queries()).isEqualTo(3))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(live.pollers()).isZero();
    }

    @Test
    void aBrokerThatStaysDownIsAskedNoMoreOftenThanTheRefreshPeriodAllows() {
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        fixture.druid.failNext(Integer.MAX_VALUE);
        List<List<KpiValue>> pushed = new ArrayList<>();
        Disposable subscription =
                live.subscribe(COUNT, REFRESH, SecurityScope.UNRESTRICTED).subscribe(pushed::add);
        time.advanceTimeBy(Duration.ofMinutes(10));
        // Backoff doubles from 1 s up to the 10 s period (jitter may halve a wait): 60 to 130 tries, not thousands.
        assertThat(fixture.druid.queries()).isBetween(55, 130);
        assertThat(pushed).isEmpty();

        fixture.druid.failNext(0);
        time.advanceTimeBy(REFRESH);
        assertThat(pushed).extracting(values -> values.get(0).value()).containsExactly(1.0);
        subscription.dispose();
        assertThat(live.pollers()).isZero();
    }

    @Test
    void anInvalidQuestionEndsTheSubscriptionWithItsError() {
        KpiQuery unknown = new KpiQuery("sales", List.of(new Measure("nope", null, null)), null, null, false);
        StepVerifier.withVirtualTime(() -> live.subscribe(unknown, REFRESH, SecurityScope.UNRESTRICTED))
                .expectSubscription()
                .expectError(StrataException.InvalidInput.class)
                .verify(Duration.ofSeconds(5));
        StepVerifier.create(live.subscribe(COUNT, Duration.ofMillis(10), SecurityScope.UNRESTRICTED))
                .expectErrorMessage("refreshSeconds must be at least 1, not 0")
                .verify(Duration.ofSeconds(5));
        assertThat(live.pollers()).isZero();
    }

    @Test
    void subscribersUnderDifferentRowFiltersNeverShareAPoller() {
        VirtualTimeScheduler.getOrSet();
        tenantPolicy();
        Disposable acme = live.subscribe(COUNT, REFRESH, tenant("acme")).subscribe();
        Disposable alsoAcme = live.subscribe(COUNT, REFRESH, tenant("acme")).subscribe();
        Disposable globex = live.subscribe(COUNT, REFRESH, tenant("globex")).subscribe();

        assertThat(live.pollers()).as("one per row filter").isEqualTo(2);
        assertThat(fixture.druid.seen())
                .extracting(query -> query.parameters())
                .containsExactlyInAnyOrder(List.of("acme"), List.of("globex"));
        acme.dispose();
        alsoAcme.dispose();
        globex.dispose();
    }

    @Test
    void aSubscriberWhoseAccessIsRevokedIsEndedAsIfTheDatasetDidNotExist() {
        SecurityScope admin = SecurityScope.UNRESTRICTED;
        fixture.rules.grant(new AccessGrant("sales", PrincipalKind.GROUP, "apac", Permission.READ, null, null), admin);
        fixture.rules.grant(new AccessGrant("sales", PrincipalKind.GROUP, "emea", Permission.READ, null, null), admin);
        SecurityScope bob = new SecurityScope("bob", null, Set.of(Role.VIEWER), Set.of("apac"), Map.of());

        StepVerifier.withVirtualTime(() -> live.subscribe(COUNT, REFRESH, bob))
                .expectSubscription()
                .assertNext(values -> assertThat(values.get(0).value()).isEqualTo(1.0))
                .then(() -> fixture.rules.revoke("sales", PrincipalKind.GROUP, "apac", admin))
                .thenAwait(Duration.ofSeconds(2))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(StrataException.NotFound.class)
                        .hasMessage("dataset 'sales' does not exist"))
                .verify(Duration.ofSeconds(5));
        assertThat(live.subscribers()).isZero();
        assertThat(live.pollers()).isZero();
    }

    @Test
    void aNewRowPolicyMovesRunningSubscribersUnderIt() {
        SecurityScope acme = tenant("acme");
        StepVerifier.withVirtualTime(() -> live.subscribe(COUNT, REFRESH, acme))
                .expectSubscription()
                .assertNext(values -> assertThat(values.get(0).value()).isEqualTo(1.0))
                .then(() -> {
                    fixture.druid.answer(4L);
                    tenantPolicy();
                })
                .thenAwait(Duration.ofSeconds(2))
                .assertNext(values -> assertThat(values.get(0).value()).isEqualTo(4.0))
                .then(() -> assertThat(fixture.druid
                                .seen()
                                .get(fixture.druid.seen().size() - 1)
                                .parameters())
                        .containsExactly("acme"))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    private void tenantPolicy() {
        fixture.rules.setPolicy(
                new RowPolicy("sales", "tenant", "country", new ClaimPath("tenant"), null, null),
                SecurityScope.UNRESTRICTED);
    }

    private static SecurityScope tenant(String tenant) {
        return new SecurityScope(tenant + "-user", null, Set.of(Role.VIEWER), Set.of(), Map.of("tenant", tenant));
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }
}
