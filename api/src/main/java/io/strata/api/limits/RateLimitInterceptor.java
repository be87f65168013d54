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
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Per-client rate limit of GraphQL requests ({@code strata.analytics.rate-limit.*}). A client is the authenticated
 * caller (the token's subject; it runs after {@code GraphQlAccess}), or its remote address when there is none. Over
 * the limit, the request is not executed and answers one error with {@code extensions.code = RATE_LIMITED} and
 * {@code retryAfterSeconds}.
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
        return client(request).flatMap(client -> {
            long retryAfter = limiter.acquire(client);
            return retryAfter == 0 ? chain.next(request) : Mono.just(refused(request, retryAfter));
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

    private static Mono<String> client(WebGraphQlRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String address = remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(caller -> "caller:" + caller.getName())
                .defaultIfEmpty("address:" + address);
    }
}
