package io.strata.api.limits;

import io.strata.api.analytics.AnalyticsSettings;
import java.net.InetSocketAddress;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The per-client rate limit of GraphQL requests ({@code strata.analytics.rate-limit.*}), shared by everything that
 * answers one: the GraphQL interceptor, and the answers kept whole, which never reach it. A client is the
 * authenticated caller (the token's subject), or its remote address when there is none.
 */
@Component
public class ClientRateLimit {

    private final boolean enabled;
    private final RateLimiter limiter;

    public ClientRateLimit(AnalyticsSettings settings) {
        AnalyticsSettings.RateLimit rate = settings.rateLimit();
        this.enabled = rate.enabled();
        this.limiter = new RateLimiter(rate.requestsPerSecond(), rate.burst(), System::nanoTime);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Takes one request from the client's budget.
     *
     * @param caller the authenticated caller, or {@code null}
     * @param remote the client's address, or {@code null} when unknown
     * @return 0 when the request may go on (always, when the limit is off); else the seconds until it may
     */
    public long acquire(Authentication caller, InetSocketAddress remote) {
        return enabled ? limiter.acquire(client(caller, remote)) : 0;
    }

    private static String client(Authentication caller, InetSocketAddress remote) {
        if (caller != null && caller.isAuthenticated()) {
            return "caller:" + caller.getName();
        }
        return "address:"
                + (remote == null || remote.getAddress() == null
                        ? "unknown"
                        : remote.getAddress().getHostAddress());
    }
}
