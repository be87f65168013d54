package io.strata.api.limits;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import io.strata.api.analytics.AnalyticsSettings;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refuses GraphQL requests that select too deep or too many fields ({@code strata.analytics.max-query-depth},
 * {@code strata.analytics.max-query-complexity}, each field counting 1) before anything runs.
 */
@Configuration(proxyBeanMethods = false)
class QueryLimits {

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(AnalyticsSettings settings) {
        return new MaxQueryDepthInstrumentation(settings.maxQueryDepth()) {
            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return new AbortExecutionException(List.of(LimitErrors.error(
                        LimitErrors.LimitErrorType.QUERY_TOO_DEEP,
                        "the query is " + depth + " levels deep; at most " + maxDepth
                                + " are allowed (strata.analytics.max-query-depth)",
                        Map.of("max", maxDepth, "requested", depth))));
            }
        };
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(AnalyticsSettings settings) {
        return new MaxQueryComplexityInstrumentation(settings.maxQueryComplexity()) {
            @Override
            protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
                return new AbortExecutionException(List.of(LimitErrors.error(
                        LimitErrors.LimitErrorType.QUERY_TOO_COMPLEX,
                        "the query selects " + complexity + " fields; at most " + maxComplexity
                                + " are allowed (strata.analytics.max-query-complexity)",
                        Map.of("max", maxComplexity, "requested", complexity))));
            }
        };
    }
}
