package io.strata.api.security;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of a dataset's access list: {@code principal} of {@code kind} may {@code permission} the dataset.
 *
 * @param grantedBy the subject of the admin who granted it; null before it is stored
 * @param grantedAt when; null before it is stored
 */
public record AccessGrant(
        String dataset,
        PrincipalKind kind,
        String principal,
        Permission permission,
        String grantedBy,
        Instant grantedAt) {

    public AccessGrant {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(permission, "permission");
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("principal must not be blank");
        }
        principal = kind == PrincipalKind.ROLE ? roleName(principal) : principal.strip();
    }

    private static String roleName(String value) {
        return Role.named(value.strip())
                .map(role -> role.name().toLowerCase(Locale.ROOT))
                .orElseThrow(() ->
                        new IllegalArgumentException("'" + value + "' is not a role: use viewer, analyst or admin"));
    }

    /** Whether this entry names the caller. */
    public boolean names(SecurityScope caller) {
        return switch (kind) {
            case ROLE -> Role.named(principal).map(caller::has).orElse(false);
            case GROUP -> caller.groups().contains(principal);
            case USER -> caller.subject().equals(principal);
        };
    }
}
