package io.strata.api.security;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@link SecurityScope} of the current request, read from the Reactor context (where Spring Security will put
 * the principal). Today every caller is {@link SecurityScope#UNRESTRICTED}.
 */
@Component
public class SecurityScopes {

    public Mono<SecurityScope> current() {
        return Mono.just(SecurityScope.UNRESTRICTED);
    }
}
