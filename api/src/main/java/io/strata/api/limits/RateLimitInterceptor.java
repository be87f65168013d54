package io.strata.api.limits;

import graphql.ExecutionResult;
import io.strata.api.analytics.AnalyticsSettings;
import java.net.InetSocketAddress;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Per-client rate limit of GraphQL requests ({@code strata.analytics.rate-limit.*}). A client is its remote
 * address until authentication exists (the security work will key it by principal). Over the limit, the request
 * is not executed and answers one error with {@code extensions.code = RATE_LIMITED} and {@code retryAfterSeconds}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RateLimitInterceptor implements WebGraphQlInterceptor {

    private final RateLimiter limiter;
    private final boolean enabled;

    RateLimitInterceptor(AnalyticsSettings settings) {
        AnalyticsSettings.RateLimit rate = settings.rateLimit();
        this.enabled = rate.enabled();
        this.limiter = new RateLimiter(rate.requestsPerSecond(), rate.burst(), System::nanoTime);
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!enabled) {
            return chain.next(request);
        }
        long retryAfter = limiter.acquire(client(request));
        if (retryAfter == 0) {
            return chain.next(request);
        }
        ExecutionResult refused = ExecutionResult.newExecutionResult()
                .addError(LimitErrors.error(
                        LimitErrors.LimitErrorType.RATE_LIMITED,
                        "too many requests from this client; retry in " + retryAfter + " s"
                                + " (strata.analytics.rate-limit)",
                        Map.of("retryAfterSeconds", retryAfter)))
                .build();
        return Mono.just(
                new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused)));
    }

    private static String client(WebGraphQlRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
    }
}
