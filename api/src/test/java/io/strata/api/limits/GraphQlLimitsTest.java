package io.strata.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.strata.api.analytics.AnalyticsSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Depth and complexity limits on a real GraphQL engine: refused before execution, with a code. */
class GraphQlLimitsTest {

    static final String SCHEMA = "type Query { node: Node } type Node { name: String, next: Node }";

    final AnalyticsSettings settings = new AnalyticsSettings(0, 0, 0, 3, 4, null, null, null);
    final QueryLimits limits = new QueryLimits();
    final GraphQL graphQl = GraphQL.newGraphQL(new SchemaGenerator()
                    .makeExecutableSchema(
                            new SchemaParser().parse(SCHEMA),
                            RuntimeWiring.newRuntimeWiring().build()))
            .instrumentation(new ChainedInstrumentation(
                    List.of(limits.maxQueryDepth(settings), limits.maxQueryComplexity(settings))))
            .build();

    @Test
    void aQueryDeeperThanTheLimitIsRefusedWithItsCode() {
        var result = graphQl.execute("{ node { next { next { next { name } } } } }");
        assertThat(result.getErrors()).hasSize(1);
        assertThat(result.getErrors().get(0).getExtensions())
                .containsEntry("code", "QUERY_TOO_DEEP")
                .containsEntry("max", 3);
        assertThat(result.getErrors().get(0).getMessage()).contains("strata.analytics.max-query-depth");
    }

    @Test
    void aQuerySelectingMoreFieldsThanTheLimitIsRefusedWithItsCode() {
        var result = graphQl.execute("{ a: node { name } b: node { name } c: node { name } }");
        assertThat(result.getErrors()).hasSize(1);
        assertThat(result.getErrors().get(0).getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX");
    }

    @Test
    void aQueryWithinTheLimitsRuns() {
        var result = graphQl.execute("{ node { next { name } } }");
        assertThat(result.getErrors()).isEmpty();
        assertThat((Map<String, Object>) result.getData()).containsEntry("node", null);
    }
}
