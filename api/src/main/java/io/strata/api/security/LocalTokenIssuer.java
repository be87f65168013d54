package io.strata.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.env.Environment;

/**
 * The local profile's token issuer: signs RS256 tokens for the dev clients with a key generated at start (so
 * tokens do not survive a restart). Strata validates them exactly as it validates a production identity
 * provider's: the same decoder, validators and role mapping; only the source of the public key differs.
 *
 * <p>Refuses to exist outside the {@code local} profile, so it cannot be switched on by accident in production.
 */
public final class LocalTokenIssuer {

    /** The dev clients: client id (also its secret) and the role its tokens carry. */
    static final Map<String, Role> CLIENTS =
            Map.of("strata-admin", Role.ADMIN, "strata-analyst", Role.ANALYST, "strata-viewer", Role.VIEWER);

    private final SecuritySettings settings;
    private final RSAKey key;
    private final Clock clock;

    LocalTokenIssuer(SecuritySettings settings, Environment environment, Clock clock) {
        if (!environment.matchesProfiles("local")) {
            throw new IllegalStateException("strata.security.local-issuer.enabled is set outside the 'local' profile "
                    + "(active: " + List.of(environment.getActiveProfiles()) + "). The local issuer signs tokens "
                    + "for well-known dev clients and must never run in production: configure your identity "
                    + "provider with spring.security.oauth2.resourceserver.jwt.issuer-uri instead");
        }
        this.settings = settings;
        this.clock = clock;
        try {
            this.key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate the local issuer's signing key", e);
        }
    }

    /** The client a client id and secret authenticate, if they do. */
    Optional<String> authenticate(String clientId, String secret) {
        boolean known = CLIENTS.containsKey(clientId)
                || settings.localIssuer().clients().containsKey(clientId);
        return known && clientId.equals(secret) ? Optional.of(clientId) : Optional.empty();
    }

    /** A token for {@code clientId}, valid for the configured time to live. CPU-bound (RSA signing). */
    public Token issue(String clientId) {
        return issue(clientId, settings.localIssuer().tokenTtl());
    }

    /** A token for {@code clientId}, valid for {@code ttl}. */
    public Token issue(String clientId, Duration ttl) {
        Role role = CLIENTS.get(clientId);
        SecuritySettings.DevClient configured = settings.localIssuer().clients().get(clientId);
        if (role == null && configured == null) {
            throw new IllegalArgumentException("not a dev client: " + clientId + "; one of " + CLIENTS.keySet()
                    + " or strata.security.local-issuer.clients "
                    + settings.localIssuer().clients().keySet());
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(settings.localIssuer().issuer())
                .subject(clientId)
                .audience(settings.audience())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", clientId);
        if (configured != null) {
            configured.claims().forEach(claims::claim);
            claims.claim("roles", configured.roles());
            if (!configured.groups().isEmpty()) {
                claims.claim("groups", configured.groups());
            }
        } else {
            claims.claim("roles", List.of(role.name().toLowerCase(java.util.Locale.ROOT)));
        }
        String tenant = settings.localIssuer().tenants().get(clientId);
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return new Token(jwt.serialize(), ttl.toSeconds());
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    /** Signs arbitrary claims with the issuer's key: tests use it to forge tokens that must still be refused. */
    String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    /** The public half of the signing key, as served at {@code /oauth2/jwks}. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public String issuer() {
        return settings.localIssuer().issuer();
    }

    /** A signed token and how many seconds it is valid. */
    public record Token(String value, long expiresInSeconds) {}
}
