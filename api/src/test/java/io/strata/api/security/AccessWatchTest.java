package io.strata.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strata.api.metadata.MetadataCache;
import io.strata.api.metadata.MetadataSettings;
import io.strata.ingestion.StrataException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Long-lived streams end when their caller's access to the dataset is revoked, on virtual time. */
class AccessWatchTest {

    final InMemoryAccessRules rules = new InMemoryAccessRules();
    /**
     * Listening, and never told of the in-memory rules' changes: a stream sees a change only because the security
     * reading that announces it drops the cached rules first.
     */
    final MetadataCache metadata = listening(new MetadataCache(MetadataSettings.defaults(), new SimpleMeterRegistry()));

    final SecurityChanges changes = new SecurityChanges(rules, metadata, Duration.ofSeconds(1));
    final AccessWatch watch = new AccessWatch(changes, new DatasetAccess(rules, metadata));
    final SecurityScope bob = new SecurityScope("bob", null, Set.of(Role.VIEWER), Set.of("apac"), Map.of());

    @Test
    void aRevokedCallersStreamEndsWithNotFoundAtTheNextReading() {
        grant("apac");
        grant("emea");

        StepVerifier.withVirtualTime(() -> watch.whileReadable(Flux.interval(Duration.ofSeconds(10)), "sales", bob))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(10))
                .expectNext(0L)
                .then(() -> rules.revoke("sales", PrincipalKind.GROUP, "apac", SecurityScope.UNRESTRICTED))
                .thenAwait(Duration.ofSeconds(1))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(StrataException.NotFound.class)
                        .hasMessage("dataset 'sales' does not exist"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aChangeMadeBeforeTheFirstReadingIsNotMissed() {
        // The caller's access is already gone when the watch starts: its first reading checks it.
        grant("emea");

        StepVerifier.withVirtualTime(() -> watch.whileReadable(Flux.never(), "sales", bob))
                .expectSubscription()
                .expectError(StrataException.NotFound.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aStreamWhoseCallerKeepsAccessRunsOnThroughOtherChanges() {
        grant("apac");

        StepVerifier.withVirtualTime(() -> watch.whileReadable(Flux.interval(Duration.ofSeconds(10)), "sales", bob))
                .expectSubscription()
                .then(() -> grant("emea"))
                .thenAwait(Duration.ofSeconds(10))
                .expectNext(0L)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    private static MetadataCache listening(MetadataCache cache) {
        cache.listening(true);
        return cache;
    }

    private void grant(String group) {
        rules.grant(
                new AccessGrant("sales", PrincipalKind.GROUP, group, Permission.READ, null, null),
                SecurityScope.UNRESTRICTED);
    }
}
