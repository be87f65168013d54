package io.strata.api.limits;

import graphql.ExecutionResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Per-client rate limit of GraphQL requests ({@link ClientRateLimit}; it runs after {@code GraphQlAccess}). Over the
 * limit, the request is not executed and answers one error with {@code extensions.code = RATE_LIMITED} and
 * {@code retryAfterSeconds}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RateLimitInterceptor implements WebGraphQlInterceptor {

    private final ClientRateLimit limit;
    private final Counter refusals;

    @org.springframework.beans.factory.annotation.Autowired
    RateLimitInterceptor(ClientRateLimit limit, MeterRegistry registry) {
        this.limit = limit;
        this.refusals = Counter.builder("strata.ratelimit.refusals")
                .description("GraphQL requests refused by the per-client rate limit")
                .register(registry);
    }

    RateLimitInterceptor(ClientRateLimit limit) {
        this(limit, new SimpleMeterRegistry());
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!limit.enabled()) {
            return chain.next(request);
        }
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> {
                    long retryAfter = limit.acquire(caller.orElse(null), request.getRemoteAddress());
                    if (retryAfter == 0) {
                        return chain.next(request);
                    }
                    refusals.increment();
                    return Mono.just(refused(request, retryAfter));
                });
    }

    private static WebGraphQlResponse refused(WebGraphQlRequest request, long retryAfter) {
        ExecutionResult refused = ExecutionResult.newExecutionResult()
                .addError(LimitErrors.error(
                        LimitErrors.LimitErrorType.RATE_LIMITED,
                        "too many requests from this client; retry in " + retryAfter + " s"
                                + " (strata.analytics.rate-limit)",
                        Map.of("retryAfterSeconds", retryAfter)))
                .build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused));
    }
}
