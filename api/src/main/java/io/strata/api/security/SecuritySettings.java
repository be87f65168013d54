package io.strata.api.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Strata authenticates and authorizes callers ({@code strata.security.*}). Tokens are validated by Spring
 * Security's resource server ({@code spring.security.oauth2.resourceserver.jwt.*}: issuer URI or JWK set URI,
 * audiences, algorithms); these settings say how to read roles from them, and configure the local issuer.
 *
 * @param rolesClaim where the roles are in a token: a claim name, or a dotted path into nested claims
 *     ({@code realm_access.roles}); {@code scope} reads OAuth2 scopes (space-separated)
 * @param groupsClaim where the groups are in a token (a claim name or dotted path); dataset ACLs may name groups
 * @param audience the audience every token must carry
 * @param localIssuer the token issuer for the local profile
 * @param tokenCache how long a decoded token is remembered
 */
@ConfigurationProperties("strata.security")
public record SecuritySettings(
        String rolesClaim, String groupsClaim, String audience, LocalIssuer localIssuer, TokenCache tokenCache) {

    public SecuritySettings {
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
        audience = audience == null || audience.isBlank() ? "strata" : audience;
        localIssuer = localIssuer != null ? localIssuer : new LocalIssuer(false, null, null, null, null);
        tokenCache = tokenCache != null ? tokenCache : new TokenCache(null, null);
    }

    /**
     * Decoded tokens remembered by their text, so that a caller's signature is verified once per token rather than
     * once per request ({@link CachingJwtDecoder}).
     *
     * @param maxEntries how many tokens are remembered (10,000 by default); 0 verifies every request
     * @param ttl the longest a token is remembered (5 minutes by default), however long it is valid; also how long a
     *     signing key withdrawn by the identity provider goes on being trusted for tokens already remembered
     */
    public record TokenCache(Integer maxEntries, Duration ttl) {

        public TokenCache {
            maxEntries = maxEntries != null ? maxEntries : 10_000;
            ttl = ttl != null ? ttl : Duration.ofMinutes(5);
            if (maxEntries < 0 || ttl.isNegative()) {
                throw new IllegalArgumentException(
                        "strata.security.token-cache: max-entries and ttl must not be negative");
            }
        }
    }

    /**
     * Strata's own token issuer, for the local profile only: the client-credentials grant for the dev clients
     * {@code strata-admin}, {@code strata-analyst} and {@code strata-viewer} (secret equal to the client id).
     *
     * @param enabled serve {@code POST /oauth2/token} and {@code GET /oauth2/jwks}; refused outside the local profile
     * @param issuer the {@code iss} of the tokens it signs
     * @param tokenTtl how long its tokens are valid
     * @param tenants a {@code tenant} claim per client id, for clients that should carry one
     * @param clients more dev clients (secret equal to the id), e.g. one per tenant to try row-level security
     */
    public record LocalIssuer(
            boolean enabled,
            String issuer,
            Duration tokenTtl,
            Map<String, String> tenants,
            Map<String, DevClient> clients) {

        public LocalIssuer {
            issuer = issuer == null || issuer.isBlank() ? "strata-local" : issuer;
            tokenTtl = tokenTtl != null ? tokenTtl : Duration.ofHours(1);
            tenants = tenants != null ? Map.copyOf(tenants) : Map.of();
            clients = clients != null ? Map.copyOf(clients) : Map.of();
        }
    }

    /**
     * A dev client of the local issuer.
     *
     * @param roles the roles its tokens carry ({@code viewer}, {@code analyst}, {@code admin})
     * @param groups the groups its tokens carry
     * @param claims more claims its tokens carry (strings or lists of strings), e.g. {@code tenant} or
     *     {@code regions}
     */
    public record DevClient(List<String> roles, List<String> groups, Map<String, Object> claims) {

        public DevClient {
            roles = roles != null ? List.copyOf(roles) : List.of();
            groups = groups != null ? List.copyOf(groups) : List.of();
            claims = claims != null ? Map.copyOf(claims) : Map.of();
        }
    }
}
