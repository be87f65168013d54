package io.strata.api.security;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Tokens signed by the running server's local issuer with claims a test chooses, for tests outside this package. */
public final class SignedTokens {

    private SignedTokens() {}

    /** A token of {@code subject} with {@code role}, issued and expiring at the given instants. */
    public static String of(LocalTokenIssuer issuer, String subject, Role role, Instant issuedAt, Instant expiresAt) {
        return issuer.sign(new JWTClaimsSet.Builder()
                .issuer(issuer.issuer())
                .subject(subject)
                .audience("strata")
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .claim("roles", List.of(role.name().toLowerCase(java.util.Locale.ROOT)))
                .build());
    }
}
