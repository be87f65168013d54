package io.strata.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Decoded bearer tokens, by their text. A dashboard sends the same token with every request, and verifying its RSA
 * signature and parsing its claims took about a tenth of the CPU of a cached answer. A token that the decoder it
 * wraps accepted (signature, issuer, audience, time claims) is remembered until it expires, and at most
 * {@code strata.security.token-cache.ttl}; until then the same text is the same {@link Jwt}, without asking the
 * decoder again. Each use checks the expiry against the clock, whatever the cache's own timing. Refused tokens are
 * not remembered: each try is checked anew.
 *
 * <p>What the cache cannot see: a signing key the identity provider withdraws goes on being trusted for the tokens
 * already remembered, up to the ttl. Set {@code strata.security.token-cache.max-entries} to 0 to check every request.
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> tokens;

    CachingJwtDecoder(ReactiveJwtDecoder decoder, SecuritySettings.TokenCache settings, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
        Duration ttl = settings.ttl();
        this.tokens = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifetime(jwt, ttl)))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = tokens.getIfPresent(token);
        if (known != null && unexpired(known)) {
            return Mono.just(known);
        }
        return decoder.decode(token).doOnNext(jwt -> {
            if (unexpired(jwt)) {
                tokens.put(token, jwt);
            }
        });
    }

    private boolean unexpired(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt == null || clock.instant().isBefore(expiresAt);
    }

    private Duration lifetime(Jwt jwt, Duration ttl) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return ttl;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.compareTo(ttl) < 0 ? left : ttl;
    }
}
