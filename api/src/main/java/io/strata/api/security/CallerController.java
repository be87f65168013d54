package io.strata.api.security;

import java.util.Locale;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** {@code me}: who the token says the caller is, as Strata reads it (for dashboards, and to debug an IdP setup). */
@Controller
class CallerController {

    private final SecurityScopes scopes;

    CallerController(SecurityScopes scopes) {
        this.scopes = scopes;
    }

    @QueryMapping
    Mono<Map<String, Object>> me() {
        return scopes.current().map(scope -> {
            Map<String, Object> me = new java.util.HashMap<>();
            me.put("subject", scope.subject());
            me.put("clientId", scope.clientId());
            me.put(
                    "roles",
                    scope.roles().stream()
                            .sorted()
                            .map(role -> role.name().toLowerCase(Locale.ROOT))
                            .toList());
            me.put("groups", scope.groups().stream().sorted().toList());
            return me;
        });
    }
}
