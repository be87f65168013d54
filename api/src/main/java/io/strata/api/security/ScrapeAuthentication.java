package io.strata.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * The HTTP chain's authentication: the configured scrape token ({@link ScrapeSettings}) authenticates as the metrics
 * scraper, whose one authority, {@value #AUTHORITY}, is asked for by {@code /actuator/prometheus} alone; every
 * other bearer token goes to the JWT authentication manager. The token is compared in constant time.
 */
final class ScrapeAuthentication {

    static final String AUTHORITY = "STRATA_METRICS_SCRAPE";

    private ScrapeAuthentication() {}

    /** {@code jwt} itself when no scrape token is configured. */
    static ReactiveAuthenticationManager around(ReactiveAuthenticationManager jwt, ScrapeSettings settings) {
        if (settings.scrapeToken() == null) {
            return jwt;
        }
        byte[] expected = settings.scrapeToken().getBytes(StandardCharsets.UTF_8);
        return authentication -> {
            if (authentication instanceof BearerTokenAuthenticationToken bearer
                    && MessageDigest.isEqual(expected, bearer.getToken().getBytes(StandardCharsets.UTF_8))) {
                return reactor.core.publisher.Mono.just(new Scraper());
            }
            return jwt.authenticate(authentication);
        };
    }

    /** The metrics scraper: no subject, no role. */
    static final class Scraper extends AbstractAuthenticationToken {

        Scraper() {
            super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return "metrics-scraper";
        }
    }
}
