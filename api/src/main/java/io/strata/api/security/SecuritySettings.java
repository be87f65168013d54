package io.strata.api.security;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Strata authenticates and authorizes callers ({@code strata.security.*}). Tokens are validated by Spring
 * Security's resource server ({@code spring.security.oauth2.resourceserver.jwt.*}: issuer URI or JWK set URI,
 * audiences, algorithms); these settings say how to read roles from them, and configure the local issuer.
 *
 * @param rolesClaim where the roles are in a token: a claim name, or a dotted path into nested claims
 *     ({@code realm_access.roles}); {@code scope} reads OAuth2 scopes (space-separated)
 * @param audience the audience every token must carry
 * @param localIssuer the token issuer for the local profile
 */
@ConfigurationProperties("strata.security")
public record SecuritySettings(String rolesClaim, String audience, LocalIssuer localIssuer) {

    public SecuritySettings {
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        audience = audience == null || audience.isBlank() ? "strata" : audience;
        localIssuer = localIssuer != null ? localIssuer : new LocalIssuer(false, null, null, null);
    }

    /**
     * Strata's own token issuer, for the local profile only: the client-credentials grant for the dev clients
     * {@code strata-admin}, {@code strata-analyst} and {@code strata-viewer} (secret equal to the client id).
     *
     * @param enabled serve {@code POST /oauth2/token} and {@code GET /oauth2/jwks}; refused outside the local profile
     * @param issuer the {@code iss} of the tokens it signs
     * @param tokenTtl how long its tokens are valid
     * @param tenants a {@code tenant} claim per client id, for clients that should carry one
     */
    public record LocalIssuer(boolean enabled, String issuer, Duration tokenTtl, Map<String, String> tenants) {

        public LocalIssuer {
            issuer = issuer == null || issuer.isBlank() ? "strata-local" : issuer;
            tokenTtl = tokenTtl != null ? tokenTtl : Duration.ofHours(1);
            tenants = tenants != null ? Map.copyOf(tenants) : Map.of();
        }
    }
}
