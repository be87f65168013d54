package io.strata.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strata.api.security.ClaimPath;
import io.strata.api.security.Role;
import io.strata.api.security.RowPolicy;
import io.strata.api.security.SecurityScope;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared tier of the result cache on a real Redis (the machine's, {@code strata.test.redis-url}): two nodes,
 * each with its own in-process cache, over one Redis. What one node asked Druid the other answers without Druid,
 * with the same values and types; a new data version or another row filter is never answered from it; a Redis that
 * does not answer is a miss, not an error.
 */
class SharedResultsRedisIT {

    static final String URL = System.getProperty("strata.test.redis-url", "redis://127.0.0.1:6379");
    static final KpiQuery COUNT = new KpiQuery("sales", List.of(new Measure("count", null, null)), null, null, false);

    final JsonMapper json = JsonMapper.builder().build();
    final String prefix = "strata-test:" + UUID.randomUUID() + ":";
    RedisSharedResults redis;
    AnalyticsFixture nodeA;
    AnalyticsFixture nodeB;

    @BeforeEach
    void twoNodesOverOneRedis() {
        redis = new RedisSharedResults(
                URL, prefix, Duration.ofMinutes(1), Duration.ofSeconds(2), json, new SimpleMeterRegistry());
        nodeA = new AnalyticsFixture(redis);
        nodeB = new AnalyticsFixture(redis);
        for (AnalyticsFixture node : List.of(nodeA, nodeB)) {
            node.directory.put("sales", 1);
        }
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void anAnswerOneNodeGotFromDruidIsAHitOnTheOther() {
        nodeA.druid.answer(42L);
        assertThat(count(nodeA, SecurityScope.UNRESTRICTED)).isEqualTo(42.0);
        nodeB.druid.answer(99L); // what node B's Druid would say: never asked
        assertThat(count(nodeB, SecurityScope.UNRESTRICTED)).isEqualTo(42.0);

        assertThat(nodeA.druid.queries()).isEqualTo(1);
        assertThat(nodeB.druid.queries()).isZero();
    }

    @Test
    void aNewDataVersionOrAnotherRowFilterIsNeverAnsweredFromIt() {
        for (AnalyticsFixture node : List.of(nodeA, nodeB)) {
            node.rules.setPolicy(
                    new RowPolicy("sales", "tenant", "country", new ClaimPath("tenant"), null, null),
                    SecurityScope.UNRESTRICTED);
        }
        nodeA.druid.answer(10L);
        assertThat(count(nodeA, tenant("acme"))).isEqualTo(10.0);
        nodeB.druid.answer(20L);
        assertThat(count(nodeB, tenant("globex"))).as("another filter").isEqualTo(20.0);
        nodeB.directory.put("sales", 2);
        nodeB.druid.answer(30L);
        assertThat(count(nodeB, tenant("acme"))).as("a newer data version").isEqualTo(30.0);
        assertThat(nodeB.druid.queries()).isEqualTo(2);
    }

    @Test
    void rowsReadBackKeepTheirTypes() {
        Map<String, Object> row = new HashMap<>();
        row.put("l", 7L);
        row.put("d", 2.5);
        row.put("s", "FR");
        row.put("b", true);
        row.put("n", null);

        List<Map<String, Object>> back = redis.decode(redis.encode(List.of(row)));

        assertThat(back).singleElement().isEqualTo(row);
        assertThat(back.get(0).get("l")).isInstanceOf(Long.class);
        assertThat(back.get(0).get("d")).isInstanceOf(Double.class);
    }

    @Test
    void aRedisThatDoesNotAnswerIsAMissNotAnError() {
        RedisSharedResults nowhere = new RedisSharedResults(
                "redis://127.0.0.1:1",
                prefix,
                Duration.ofMinutes(1),
                Duration.ofMillis(500),
                json,
                new SimpleMeterRegistry());
        try {
            AnalyticsFixture node = new AnalyticsFixture(nowhere);
            node.directory.put("sales", 1);
            node.druid.answer(5L);
            assertThat(count(node, SecurityScope.UNRESTRICTED)).isEqualTo(5.0);
            assertThat(node.druid.queries()).isEqualTo(1);
        } finally {
            nowhere.close();
        }
    }

    private static Double count(AnalyticsFixture node, SecurityScope scope) {
        return node.kpis.kpis(COUNT, scope).map(values -> values.get(0).value()).block(Duration.ofSeconds(10));
    }

    private static SecurityScope tenant(String tenant) {
        return new SecurityScope(tenant + "-user", null, Set.of(Role.VIEWER), Set.of(), Map.of("tenant", tenant));
    }
}
