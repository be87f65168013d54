package io.strata.api.sql;

import io.strata.api.security.Role;
import io.strata.api.security.SecurityScope;
import io.strata.api.security.SecurityScopes;
import java.time.Instant;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns a bearer token given as a password (PostgreSQL's cleartext password, Avatica's JDBC password) into the
 * caller, with the same authentication manager, decoder and rules as HTTP requests: issuer, audience, expiry,
 * signature algorithms; the viewer role is needed to query. A refused token is a 28P01 error saying why.
 */
@Component
public class SqlCallers {

    private final JwtReactiveAuthenticationManager authentication;
    private final SecurityScopes scopes;

    SqlCallers(JwtReactiveAuthenticationManager authentication, SecurityScopes scopes) {
        this.authentication = authentication;
        this.scopes = scopes;
    }

    /**
     * A caller and when their token expires.
     *
     * @param expiresAt null when the token does not expire
     */
    public record Caller(SecurityScope scope, Instant expiresAt) {

        public boolean expired(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }
    }

    /** The caller of {@code token}; 28P01 when it is not a valid token, 28000 when it grants no viewer role. */
    public Mono<Caller> authenticate(String token, String user) {
        if (token == null || token.isBlank()) {
            return Mono.error(refused(user, "no password was given; the password is a bearer token"));
        }
        return authentication
                .authenticate(new BearerTokenAuthenticationToken(token.trim()))
                .onErrorMap(AuthenticationException.class, e -> refused(user, reason(e)))
                .map(granted -> {
                    SecurityScope scope = scopes.scope(granted);
                    if (!scope.has(Role.VIEWER)) {
                        throw new SqlException(
                                SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                                "the token of " + scope.subject() + " grants no Strata role: querying needs viewer",
                                "ask an admin for the viewer role (roles claim " + "viewer, analyst or admin)");
                    }
                    Instant expiresAt = granted instanceof JwtAuthenticationToken jwt
                            ? jwt.getToken().getExpiresAt()
                            : null;
                    return new Caller(scope, expiresAt);
                });
    }

    private static String reason(AuthenticationException e) {
        String message = e.getMessage() == null ? "the token was refused" : e.getMessage();
        return message.replace("An error occurred while attempting to decode the Jwt: ", "");
    }

    private static SqlException refused(String user, String reason) {
        return new SqlException(
                SqlState.INVALID_PASSWORD,
                "password authentication failed for user \"" + user + "\": the password must be a valid bearer token ("
                        + reason + ")",
                "get a token from your identity provider (the local profile: curl -u strata-viewer:strata-viewer "
                        + "-d grant_type=client_credentials http://localhost:8080/oauth2/token) and give it as the "
                        + "password; the user name is not checked");
    }
}
