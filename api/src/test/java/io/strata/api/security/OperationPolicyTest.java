package io.strata.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationPolicyTest {

    private static final Set<Role> VIEWER = EnumSet.of(Role.VIEWER);
    private static final Set<Role> ANALYST = EnumSet.of(Role.VIEWER, Role.ANALYST);

    @Test
    void aViewerMayQueryAndSubscribe() {
        assertThat(OperationPolicy.decide("{ datasets { name } }", null, VIEWER).allowed())
                .isTrue();
        OperationPolicy.Decision subscription =
                OperationPolicy.decide("subscription { ingestionTask(id: \"1\") { status } }", null, VIEWER);
        assertThat(subscription.allowed()).isTrue();
        assertThat(subscription.subscription()).isTrue();
    }

    @Test
    void aViewerMayNotMutateEvenWhenTheMutationHidesInAFragment() {
        OperationPolicy.Decision direct =
                OperationPolicy.decide("mutation { cancelIngestion(id: \"1\") { status } }", null, VIEWER);
        OperationPolicy.Decision hidden = OperationPolicy.decide(
                "mutation M { ...F } fragment F on Mutation { cancelIngestion(id: \"1\") { status } }", "M", VIEWER);

        assertThat(direct.allowed()).isFalse();
        assertThat(direct.reason()).contains("cancelIngestion").contains("analyst");
        assertThat(hidden.allowed()).isFalse();
    }

    @Test
    void theNamedOperationIsTheOneJudged() {
        String document = "query Q { datasets { name } } mutation M { cancelIngestion(id: \"1\") { status } }";

        assertThat(OperationPolicy.decide(document, "Q", VIEWER).allowed()).isTrue();
        assertThat(OperationPolicy.decide(document, "M", VIEWER).allowed()).isFalse();
    }

    @Test
    void accessManagementNeedsAnAdmin() {
        String grant = "mutation { grantDatasetAccess(dataset: \"d\", role: \"viewer\") }";

        assertThat(OperationPolicy.decide(grant, null, ANALYST).allowed()).isFalse();
        assertThat(OperationPolicy.decide(grant, null, EnumSet.allOf(Role.class))
                        .allowed())
                .isTrue();
    }

    @Test
    void aCallerWithoutRolesMayDoNothing() {
        OperationPolicy.Decision decision = OperationPolicy.decide("{ datasets { name } }", null, Set.of());

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).contains("none");
    }
}
