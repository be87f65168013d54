package io.strata.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may use a dataset, and which rows: grants by role, group and user; policies from claims. */
class DatasetRulesTest {

    static final SecurityScope ALICE = caller("alice", Role.ANALYST, Set.of("emea"), Map.of("tenant", "acme"));
    static final SecurityScope BOB = caller("bob", Role.VIEWER, Set.of("apac"), Map.of("tenant", "globex"));
    static final SecurityScope ROOT = caller("root", Role.ADMIN, Set.of(), Map.of());

    @Test
    void aDatasetWithoutGrantsIsOpenToWhatRolesAllow() {
        DatasetRules open = new DatasetRules("sales", List.of(), List.of());

        assertThat(open.allows(BOB, Permission.READ)).isTrue();
        assertThat(open.allows(BOB, Permission.WRITE))
                .as("a viewer never writes")
                .isFalse();
        assertThat(open.allows(ALICE, Permission.WRITE)).isTrue();
    }

    @Test
    void theFirstGrantRestrictsTheDatasetToThePrincipalsItNames() {
        DatasetRules rules =
                new DatasetRules("sales", List.of(grant(PrincipalKind.GROUP, "emea", Permission.READ)), List.of());

        assertThat(rules.allows(ALICE, Permission.READ)).isTrue();
        assertThat(rules.allows(ALICE, Permission.WRITE))
                .as("READ does not include WRITE")
                .isFalse();
        assertThat(rules.allows(BOB, Permission.READ)).isFalse();
        assertThat(rules.allows(ROOT, Permission.WRITE))
                .as("admins manage everything")
                .isTrue();
    }

    @Test
    void writeIncludesReadAndStillNeedsTheAnalystRole() {
        DatasetRules rules = new DatasetRules(
                "sales",
                List.of(
                        grant(PrincipalKind.USER, "alice", Permission.WRITE),
                        grant(PrincipalKind.USER, "bob", Permission.WRITE)),
                List.of());

        assertThat(rules.allows(ALICE, Permission.READ)).isTrue();
        assertThat(rules.allows(ALICE, Permission.WRITE)).isTrue();
        assertThat(rules.allows(BOB, Permission.READ)).isTrue();
        assertThat(rules.allows(BOB, Permission.WRITE)).as("bob is a viewer").isFalse();
    }

    @Test
    void aRoleGrantCoversTheRolesAboveIt() {
        DatasetRules rules = new DatasetRules(
                "sales", List.of(grant(PrincipalKind.ROLE, "strata-viewer", Permission.READ)), List.of());

        assertThat(rules.grants().get(0).principal()).isEqualTo("viewer");
        assertThat(rules.allows(ALICE, Permission.READ)).isTrue();
        assertThat(rules.allows(BOB, Permission.READ)).isTrue();
    }

    @Test
    void aGrantToAnUnknownRoleIsRefused() {
        assertThatThrownBy(() -> grant(PrincipalKind.ROLE, "superuser", Permission.READ))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("viewer, analyst or admin");
    }

    @Test
    void policiesTurnClaimsIntoRowFiltersExceptForAdmins() {
        RowPolicy tenant = new RowPolicy("sales", "tenant", "tenant_id", new ClaimPath("tenant"), null, null);
        RowPolicy regions = new RowPolicy("sales", "regions", "region", new ClaimPath("org.regions"), null, null);
        DatasetRules rules = new DatasetRules("sales", List.of(), List.of(tenant, regions));
        SecurityScope carol = caller(
                "carol",
                Role.VIEWER,
                Set.of(),
                Map.of("tenant", "acme", "org", Map.of("regions", List.of("EU", "APAC", "EU"))));

        assertThat(rules.rows(carol).conditions())
                .containsExactly(
                        new RowFilter.Condition("tenant", "tenant_id", List.of("acme")),
                        new RowFilter.Condition("regions", "region", List.of("APAC", "EU")));
        assertThat(rules.rows(BOB).conditions())
                .as("bob's token has no org.regions: that condition matches nothing")
                .contains(new RowFilter.Condition("regions", "region", List.of()));
        assertThat(rules.rows(ROOT)).isEqualTo(RowFilter.NONE);
    }

    @Test
    void equalClaimsGiveEqualFiltersSoCallersShareCacheEntries() {
        RowPolicy tenant = new RowPolicy("sales", "tenant", "tenant_id", new ClaimPath("tenant"), null, null);
        DatasetRules rules = new DatasetRules("sales", List.of(), List.of(tenant));
        SecurityScope dave = caller("dave", Role.VIEWER, Set.of(), Map.of("tenant", "acme"));

        assertThat(rules.rows(dave)).isEqualTo(rules.rows(ALICE)).isNotEqualTo(rules.rows(BOB));
    }

    static AccessGrant grant(PrincipalKind kind, String principal, Permission permission) {
        return new AccessGrant("sales", kind, principal, permission, null, null);
    }

    static SecurityScope caller(String subject, Role role, Set<String> groups, Map<String, Object> claims) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (Role r : Role.values()) {
            if (r.ordinal() <= role.ordinal()) {
                roles.add(r);
            }
        }
        return new SecurityScope(subject, null, roles, groups, claims);
    }
}
