package io.strata.api.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads a token's roles from the configured claim (a name or a dotted path such as {@code realm_access.roles};
 * {@code scope} is split on spaces) and turns them into authorities. Values that name no Strata role are ignored;
 * a token without any grants nothing.
 */
final class RolesClaim {

    private final List<String> path;

    RolesClaim(String claim) {
        this.path = List.of(claim.split("\\."));
    }

    Collection<GrantedAuthority> authorities(Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String value : values(jwt.getClaims())) {
            Role.named(value).ifPresent(role -> authorities.addAll(role.authorities()));
        }
        return List.copyOf(authorities);
    }

    private List<String> values(Map<String, Object> claims) {
        Object node = claims;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(key);
        }
        List<String> values = new ArrayList<>();
        if (node instanceof String text) {
            values.addAll(List.of(text.trim().split("\\s+")));
        } else if (node instanceof Collection<?> many) {
            many.forEach(v -> values.add(String.valueOf(v)));
        }
        return values;
    }
}
