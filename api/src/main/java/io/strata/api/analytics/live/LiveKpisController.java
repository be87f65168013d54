package io.strata.api.analytics.live;

import io.strata.api.analytics.Filter;
import io.strata.api.analytics.Interval;
import io.strata.api.analytics.KpiQuery;
import io.strata.api.analytics.KpiValue;
import io.strata.api.analytics.Measure;
import io.strata.api.security.SecurityScopes;
import java.time.Duration;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** The {@code liveKpis} subscription (over graphql-ws). */
@Controller
class LiveKpisController {

    private static final int DEFAULT_REFRESH_SECONDS = 10;

    private final LiveKpis live;
    private final SecurityScopes scopes;

    LiveKpisController(LiveKpis live, SecurityScopes scopes) {
        this.live = live;
        this.scopes = scopes;
    }

    @SubscriptionMapping
    Flux<List<KpiValue>> liveKpis(
            @Argument String dataset,
            @Argument List<Measure> measures,
            @Argument Filter filter,
            @Argument Interval interval,
            @Argument Integer refreshSeconds) {
        return Flux.defer(() -> {
            KpiQuery query = new KpiQuery(dataset, measures, filter, interval, false);
            Duration refresh = Duration.ofSeconds(refreshSeconds != null ? refreshSeconds : DEFAULT_REFRESH_SECONDS);
            return scopes.current().flatMapMany(scope -> live.subscribe(query, refresh, scope));
        });
    }
}
