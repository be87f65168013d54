package io.strata.api.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Strata's roles, each including the ones below it: an admin may do all an analyst may, and so on. */
public enum Role {
    /** Queries datasets. */
    VIEWER,
    /** Also uploads files, cancels ingestions and defines measures. */
    ANALYST,
    /** Also manages access: ACLs, row-level policies, the audit log. */
    ADMIN;

    /** The authority a caller holding this role has ({@code ROLE_analyst}). */
    public String authority() {
        return "ROLE_" + name().toLowerCase(Locale.ROOT);
    }

    /** This role and every role it includes, as authorities. */
    List<GrantedAuthority> authorities() {
        return Arrays.stream(values())
                .filter(r -> r.ordinal() <= ordinal())
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority()))
                .toList();
    }

    /** The role a token's value names ({@code "analyst"}, {@code "strata-analyst"}), if any. */
    static Optional<Role> named(String value) {
        String name = value.toLowerCase(Locale.ROOT);
        if (name.startsWith("strata-") || name.startsWith("strata_")) {
            name = name.substring("strata-".length());
        }
        for (Role role : values()) {
            if (role.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
