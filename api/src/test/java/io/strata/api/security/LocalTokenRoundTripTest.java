package io.strata.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

class LocalTokenRoundTripTest {

    @Test
    void aLocalTokenDecodesWithItsRoleAndAudience() {
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");
        SecuritySettings settings = new SecuritySettings(null, null, null, null, null);
        LocalTokenIssuer issuer = new LocalTokenIssuer(settings, local, Clock.systemUTC());
        ReactiveJwtDecoder decoder =
                new SecurityConfiguration.LocalIssuerConfiguration().localJwtDecoder(issuer, settings);

        Jwt jwt = decoder.decode(issuer.issue("strata-analyst").value()).block();

        assertThat(jwt.getSubject()).isEqualTo("strata-analyst");
        assertThat(jwt.getAudience()).containsExactly("strata");
        assertThat(new RolesClaim("roles").authorities(jwt)).hasSize(2);
    }
}
