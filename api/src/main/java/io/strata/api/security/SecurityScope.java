package io.strata.api.security;

import io.strata.ingestion.Actor;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who is asking, as far as data access is concerned: the subject and client of the validated token, the roles it
 * grants, its groups and its claims. Dataset ACLs are decided from it, and row-level policies turn its claims into
 * the mandatory filters of every query ({@link DatasetAccess}).
 *
 * @param subject the token's {@code sub}
 * @param clientId the token's {@code client_id} (or {@code azp}), or null
 * @param roles the roles granted, each with those it includes
 * @param groups the groups the token names (the claim {@code strata.security.groups-claim} names)
 * @param claims every claim of the token, for row-level policies
 */
public record SecurityScope(
        String subject, String clientId, Set<Role> roles, Set<String> groups, Map<String, Object> claims) {

    /** Strata itself (and tests of single components): every role, no row-level restriction applies to it. */
    public static final SecurityScope UNRESTRICTED =
            new SecurityScope("system", null, EnumSet.allOf(Role.class), Set.of(), Map.of());

    public SecurityScope {
        Objects.requireNonNull(subject, "subject");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        groups = Set.copyOf(groups);
        claims = Map.copyOf(claims);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Admins see every dataset and every row, and manage access. */
    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** The values of a claim ({@code tenant}, {@code org.regions}); empty when the token has no such claim. */
    public List<String> claim(ClaimPath path) {
        return path.values(claims);
    }

    /** The caller as the audit log and the ingestion records name them. */
    public Actor actor() {
        return new Actor(subject, clientId);
    }
}
