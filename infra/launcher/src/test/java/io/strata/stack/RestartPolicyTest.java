package io.strata.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    final RestartPolicy policy =
            new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofMinutes(10));
    final Instant now = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void theFirstRestartWaitsTheFirstDelay() {
        assertThat(policy.nextDelay(List.of(), now)).contains(Duration.ofSeconds(1));
    }

    @Test
    void eachRestartInsideTheWindowDoublesTheDelayUpToTheMaximum() {
        assertThat(policy.nextDelay(List.of(now.minusSeconds(5)), now)).contains(Duration.ofSeconds(2));
        assertThat(policy.nextDelay(List.of(now.minusSeconds(5), now.minusSeconds(3)), now))
                .contains(Duration.ofSeconds(4));
        RestartPolicy slowCap =
                new RestartPolicy(Duration.ofSeconds(10), Duration.ofSeconds(30), 5, Duration.ofMinutes(10));
        assertThat(slowCap.nextDelay(List.of(now.minusSeconds(50), now.minusSeconds(20)), now))
                .contains(Duration.ofSeconds(30));
    }

    @Test
    void givesUpOnceTheLimitOfRestartsInsideTheWindowIsReached() {
        List<Instant> five = List.of(
                now.minusSeconds(500), now.minusSeconds(400), now.minusSeconds(300), now.minusSeconds(200), now);
        assertThat(policy.nextDelay(five, now)).isEmpty();
    }

    @Test
    void restartsOlderThanTheWindowNoLongerCount() {
        List<Instant> old = List.of(
                now.minusSeconds(3600),
                now.minusSeconds(3000),
                now.minusSeconds(2000),
                now.minusSeconds(1000),
                now.minusSeconds(700));
        assertThat(policy.nextDelay(old, now)).contains(Duration.ofSeconds(1));
    }
}
