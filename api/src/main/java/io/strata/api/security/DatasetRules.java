package io.strata.api.security;

import java.util.List;

/**
 * Who may use a dataset and which of its rows: its access list and its row policies.
 *
 * <p>A dataset without grants is open: any viewer reads it and any analyst writes it (what roles alone allow). The
 * first grant closes it: from then on only the principals it lists (and admins) may use it. Grants may be made
 * before the dataset exists, so it is closed from its first upload.
 */
public record DatasetRules(String dataset, List<AccessGrant> grants, List<RowPolicy> policies) {

    public DatasetRules {
        grants = List.copyOf(grants);
        policies = List.copyOf(policies);
    }

    /** Whether the access list restricts the dataset to the principals it names. */
    public boolean restricted() {
        return !grants.isEmpty();
    }

    /**
     * Whether {@code caller} may {@code permission} the dataset. Roles still apply: writing needs the analyst role
     * whatever the grants say.
     */
    public boolean allows(SecurityScope caller, Permission permission) {
        Role needed = permission == Permission.WRITE ? Role.ANALYST : Role.VIEWER;
        if (!caller.has(needed)) {
            return false;
        }
        if (caller.isAdmin() || !restricted()) {
            return true;
        }
        return grants.stream().anyMatch(grant -> grant.permission().includes(permission) && grant.names(caller));
    }

    /** The rows {@code caller} may see. */
    public RowFilter rows(SecurityScope caller) {
        if (caller.isAdmin() || policies.isEmpty()) {
            return RowFilter.NONE;
        }
        return new RowFilter(
                policies.stream().map(policy -> policy.condition(caller)).toList());
    }
}
