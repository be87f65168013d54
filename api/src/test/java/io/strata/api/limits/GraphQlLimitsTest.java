package io.strata.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.strata.api.analytics.AnalyticsSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Depth and complexity limits on a real GraphQL engine: refused before execution, with a code. */
class GraphQlLimitsTest {

    static final String SCHEMA = "type Query { node: Node } type Node { name: String, next: Node }";

    final AnalyticsSettings settings = new AnalyticsSettings(0, 0, 0, 3, 4, null, null, null);
    final QueryLimits.QueryShapeLimits limits = new QueryLimits().queryShapeLimits(settings);
    final GraphQL graphQl = GraphQL.newGraphQL(new SchemaGenerator()
                    .makeExecutableSchema(
                            new SchemaParser().parse(SCHEMA),
                            RuntimeWiring.newRuntimeWiring().build()))
            .instrumentation(limits)
            .build();

    @Test
    void aQueryDeeperThanTheLimitIsRefusedWithItsCode() {
        var result = graphQl.execute("{ node { next { next { next { name } } } } }");
        assertThat(result.getErrors()).hasSize(1);
        assertThat(result.getErrors().get(0).getExtensions())
                .containsEntry("code", "QUERY_TOO_DEEP")
                .containsEntry("max", 3)
                .containsEntry("requested", 5);
        assertThat(result.getErrors().get(0).getMessage()).contains("strata.analytics.max-query-depth");
    }

    @Test
    void aQuerySelectingMoreFieldsThanTheLimitIsRefusedWithItsCode() {
        var result = graphQl.execute("{ a: node { name } b: node { name } c: node { name } }");
        assertThat(result.getErrors()).hasSize(1);
        assertThat(result.getErrors().get(0).getExtensions())
                .containsEntry("code", "QUERY_TOO_COMPLEX")
                .containsEntry("requested", 6);
    }

    @Test
    void aQueryWithinTheLimitsRuns() {
        var result = graphQl.execute("{ node { next { name } } }");
        assertThat(result.getErrors()).isEmpty();
        assertThat((Map<String, Object>) result.getData()).containsEntry("node", null);
    }

    @Test
    void anAcceptedDocumentIsMeasuredOnceForAllItsRequests() {
        for (int i = 0; i < 5; i++) {
            assertThat(graphQl.execute("{ node { next { name } } }").getErrors())
                    .isEmpty();
        }
        assertThat(limits.measured()).isEqualTo(1);

        assertThat(graphQl.execute("{ other: node { name } }").getErrors()).isEmpty();
        assertThat(limits.measured()).isEqualTo(2);
    }

    @Test
    void aRefusedDocumentIsRefusedEveryTime() {
        String tooDeep = "{ node { next { next { next { name } } } } }";
        for (int i = 0; i < 3; i++) {
            assertThat(graphQl.execute(tooDeep).getErrors())
                    .singleElement()
                    .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_DEEP"));
        }
        assertThat(limits.measured()).isEqualTo(3);
    }

    @Test
    void aDocumentWhoseVariablesChooseItsFieldsIsMeasuredForEachRequest() {
        String document = "query Q($deep: Boolean!) { node { next { next @include(if: $deep) { next { name } } } } }";

        var shallow = graphQl.execute(ExecutionInput.newExecutionInput(document).variables(Map.of("deep", false)));
        var deep = graphQl.execute(ExecutionInput.newExecutionInput(document).variables(Map.of("deep", true)));

        assertThat(shallow.getErrors()).isEmpty();
        assertThat(deep.getErrors()).singleElement().satisfies(error -> assertThat(error.getExtensions())
                .containsEntry("code", "QUERY_TOO_DEEP"));
    }
}
