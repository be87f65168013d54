package io.strata.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CachingJwtDecoderTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final AtomicInteger decoded = new AtomicInteger();
    /** Accepts tokens named "good-…" valid for an hour from the clock's time of issue; refuses others. */
    final ReactiveJwtDecoder decoder = token -> Mono.defer(() -> {
        decoded.incrementAndGet();
        if (!token.startsWith("good")) {
            return Mono.error(new BadJwtException("bad signature"));
        }
        if (!clock.instant().isBefore(NOW.plus(Duration.ofHours(1)))) {
            return Mono.error(new BadJwtException("expired"));
        }
        return Mono.just(Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject(token)
                .issuedAt(NOW)
                .expiresAt(NOW.plus(Duration.ofHours(1)))
                .build());
    });

    @Test
    void aTokenIsDecodedOnceForAllItsRequests() {
        CachingJwtDecoder cache = cache(Duration.ofMinutes(5));

        Jwt first = cache.decode("good-a").block();
        Jwt second = cache.decode("good-a").block();
        cache.decode("good-b").block();

        assertThat(second).isSameAs(first);
        assertThat(decoded).hasValue(2);
    }

    @Test
    void aRefusedTokenIsCheckedOnEveryTry() {
        CachingJwtDecoder cache = cache(Duration.ofMinutes(5));

        for (int i = 0; i < 3; i++) {
            StepVerifier.create(cache.decode("forged"))
                    .expectError(BadJwtException.class)
                    .verify();
        }
        assertThat(decoded).hasValue(3);
    }

    @Test
    void anExpiredTokenIsRefusedByTheDecoderEvenIfRemembered() {
        CachingJwtDecoder cache = cache(Duration.ofHours(2));
        cache.decode("good-a").block();

        clock.set(NOW.plus(Duration.ofHours(1)));

        StepVerifier.create(cache.decode("good-a"))
                .expectError(BadJwtException.class)
                .verify();
        assertThat(decoded).hasValue(2);
    }

    @Test
    void aTokenIsRememberedNoLongerThanTheTtl() throws Exception {
        CachingJwtDecoder cache = cache(Duration.ofMillis(1));
        cache.decode("good-a").block();

        // Caffeine times entries with its own ticker; poll until the entry is gone rather than sleep a guess.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (decoded.get() < 2 && System.nanoTime() < deadline) {
            cache.decode("good-a").block();
            Thread.onSpinWait();
        }
        assertThat(decoded.get()).isGreaterThanOrEqualTo(2);
    }

    private CachingJwtDecoder cache(Duration ttl) {
        return new CachingJwtDecoder(decoder, new SecuritySettings.TokenCache(100, ttl), clock);
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
