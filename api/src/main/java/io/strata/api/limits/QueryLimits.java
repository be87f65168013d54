package io.strata.api.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import io.strata.api.analytics.AnalyticsSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refuses GraphQL requests that select too deep or too many fields ({@code strata.analytics.max-query-depth},
 * {@code strata.analytics.max-query-complexity}, each field counting 1) before anything runs.
 */
@Configuration(proxyBeanMethods = false)
class QueryLimits {

    @Bean
    QueryShapeLimits queryShapeLimits(AnalyticsSettings settings) {
        return new QueryShapeLimits(settings.maxQueryDepth(), settings.maxQueryComplexity());
    }

    /**
     * The depth and field count of the operation to run, checked against the limits. Both are measured by walking
     * the operation's fields, which took a tenth of a cached answer's CPU when done on every request; since every
     * field counts 1, they depend on the document and operation alone, unless {@code @skip} or {@code @include}
     * decide with a variable which fields exist. Such documents are measured every time; the others once, and
     * remembered by their text and operation name. Only an accepted shape is remembered: a refused one is refused
     * again by measuring it again.
     */
    static final class QueryShapeLimits extends SimplePerformantInstrumentation {

        static final int MAX_DOCUMENTS = 2_000;

        private final int maxDepth;
        private final int maxComplexity;
        private final Cache<Operation, Boolean> accepted =
                Caffeine.newBuilder().maximumSize(MAX_DOCUMENTS).build();
        private final AtomicLong measured = new AtomicLong();

        QueryShapeLimits(int maxDepth, int maxComplexity) {
            this.maxDepth = maxDepth;
            this.maxComplexity = maxComplexity;
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            ExecutionContext context = parameters.getExecutionContext();
            String document = context.getExecutionInput().getQuery();
            if (shapeDependsOnVariables(document)) {
                check(context);
            } else {
                Operation operation =
                        new Operation(document, context.getExecutionInput().getOperationName());
                if (accepted.getIfPresent(operation) == null) {
                    check(context);
                    accepted.put(operation, Boolean.TRUE);
                }
            }
            return SimpleInstrumentationContext.noOp();
        }

        /** How many times an operation's shape was measured (for tests). */
        long measured() {
            return measured.get();
        }

        private static boolean shapeDependsOnVariables(String document) {
            // Conservative: a mention anywhere, even in a string, means the shape is measured every time.
            return document.contains("@skip") || document.contains("@include");
        }

        private void check(ExecutionContext context) {
            measured.incrementAndGet();
            int depth = QueryTraverser.newQueryTraverser()
                    .schema(context.getGraphQLSchema())
                    .document(context.getDocument())
                    .operationName(context.getExecutionInput().getOperationName())
                    .coercedVariables(context.getCoercedVariables())
                    .build()
                    .reducePreOrder((field, deepest) -> Math.max(levels(field), deepest), 0);
            if (depth > maxDepth) {
                throw new AbortExecutionException(List.of(LimitErrors.error(
                        LimitErrors.LimitErrorType.QUERY_TOO_DEEP,
                        "the query is " + depth + " levels deep; at most " + maxDepth
                                + " are allowed (strata.analytics.max-query-depth)",
                        Map.of("max", maxDepth, "requested", depth))));
            }
            int complexity = QueryComplexityCalculator.newCalculator()
                    .fieldComplexityCalculator((field, children) -> 1 + children)
                    .schema(context.getGraphQLSchema())
                    .document(context.getDocument())
                    .operationName(context.getExecutionInput().getOperationName())
                    .variables(context.getCoercedVariables())
                    .build()
                    .calculate();
            if (complexity > maxComplexity) {
                throw new AbortExecutionException(List.of(LimitErrors.error(
                        LimitErrors.LimitErrorType.QUERY_TOO_COMPLEX,
                        "the query selects " + complexity + " fields; at most " + maxComplexity
                                + " are allowed (strata.analytics.max-query-complexity)",
                        Map.of("max", maxComplexity, "requested", complexity))));
            }
        }

        /** A top-level field is 1 level deep, a field it selects 2, and so on. */
        private static int levels(QueryVisitorFieldEnvironment field) {
            int levels = 1;
            for (QueryVisitorFieldEnvironment parent = field.getParentEnvironment();
                    parent != null;
                    parent = parent.getParentEnvironment()) {
                levels++;
            }
            return levels;
        }

        private record Operation(String document, String name) {}
    }
}
