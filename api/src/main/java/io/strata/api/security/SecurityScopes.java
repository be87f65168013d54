package io.strata.api.security;

import io.strata.ingestion.StrataException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@link SecurityScope} of the current request, from the authentication Spring Security (HTTP, SSE) or
 * {@link GraphQlAccess} (WebSocket) put in the Reactor context. There is always one: every path that reaches data
 * requires a validated token, so its absence is refused rather than treated as anyone.
 */
@Component
public class SecurityScopes {

    private final ClaimPath groups;

    SecurityScopes(SecuritySettings settings) {
        this.groups = new ClaimPath(settings.groupsClaim());
    }

    public Mono<SecurityScope> current() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(this::scope)
                .switchIfEmpty(Mono.error(
                        () -> new StrataException.Forbidden("no authenticated caller: send a bearer token")));
    }

    /**
     * The caller an authentication stands for (the validated token's subject, client, roles, groups and claims).
     * Public for transports that authenticate outside the HTTP chain (the SQL endpoint's PostgreSQL protocol).
     */
    public SecurityScope scope(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        if (authentication instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            String subject = jwt.getSubject() != null ? jwt.getSubject() : token.getName();
            String client = jwt.getClaimAsString("client_id");
            if (client == null) {
                client = jwt.getClaimAsString("azp");
            }
            Map<String, Object> claims = jwt.getClaims();
            return new SecurityScope(subject, client, roles, new LinkedHashSet<>(groups.values(claims)), claims);
        }
        return new SecurityScope(authentication.getName(), null, roles, Set.of(), Map.of());
    }
}
