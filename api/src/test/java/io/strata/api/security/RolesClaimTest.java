package io.strata.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class RolesClaimTest {

    @Test
    void readsRolesFromANestedClaimAndGrantsTheRolesTheyInclude() {
        Jwt jwt = jwt(Map.of("realm_access", Map.of("roles", List.of("offline_access", "analyst"))));

        assertThat(new RolesClaim("realm_access.roles").authorities(jwt))
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_viewer", "ROLE_analyst");
    }

    @Test
    void readsSpaceSeparatedScopes() {
        Jwt jwt = jwt(Map.of("scope", "openid strata-admin"));

        assertThat(new RolesClaim("scope").authorities(jwt))
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_viewer", "ROLE_analyst", "ROLE_admin");
    }

    @Test
    void aTokenWithoutTheClaimGrantsNothing() {
        assertThat(new RolesClaim("roles").authorities(jwt(Map.of("other", "admin"))))
                .isEmpty();
    }

    @Test
    void theLocalIssuerRefusesToStartOutsideTheLocalProfile() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("prod");
        SecuritySettings settings = new SecuritySettings(null, null, null, null, null);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new LocalTokenIssuer(settings, production, java.time.Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside the 'local' profile");
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .subject("someone");
        claims.forEach(builder::claim);
        return builder.build();
    }
}
