package io.strata.api.analytics.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.strata.api.analytics.AnalyticsSettings;
import io.strata.api.analytics.DatasetModels;
import io.strata.api.analytics.DatasetVersions;
import io.strata.api.analytics.KpiQuery;
import io.strata.api.analytics.KpiValue;
import io.strata.api.analytics.Kpis;
import io.strata.api.security.RowFilter;
import io.strata.api.security.SecurityChanges;
import io.strata.api.security.SecurityScope;
import io.strata.ingestion.StrataException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Live KPIs, multiplexed: subscribers asking the same question (same query, refresh and row-level filter) share
 * one poller. A poller asks Druid every refresh period and at once when an ingestion into the dataset succeeds,
 * pushes only values that differ from the last pushed, replays the last value to a newcomer, and stops when its
 * last subscriber leaves.
 *
 * <p>A refresh that fails upstream (Druid down, timeout) is tried again after {@code live.retry-backoff}, doubling up
 * to the refresh period, so a subscriber whose first answer failed is not left waiting a whole period; an invalid
 * question (unknown dataset, column or measure) ends the subscription with its error.
 *
 * <p>Gauges: {@code strata.analytics.live.subscribers}, {@code strata.analytics.live.pollers}.
 */
@Service
public class LiveKpis {

    private static final Logger log = LoggerFactory.getLogger(LiveKpis.class);

    private final DatasetModels models;
    private final Kpis kpis;
    private final DatasetVersions versions;
    private final AnalyticsSettings settings;
    private final SecurityChanges security;
    private final Map<Key, Flux<List<KpiValue>>> pollers = new ConcurrentHashMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();

    LiveKpis(
            DatasetModels models,
            Kpis kpis,
            DatasetVersions versions,
            AnalyticsSettings settings,
            SecurityChanges security,
            MeterRegistry registry) {
        this.security = security;
        this.models = models;
        this.kpis = kpis;
        this.versions = versions;
        this.settings = settings;
        Gauge.builder("strata.analytics.live.subscribers", subscribers, AtomicInteger::get)
                .description("Live KPI subscriptions open")
                .register(registry);
        Gauge.builder("strata.analytics.live.pollers", running, AtomicInteger::get)
                .description("Live KPI pollers running (one per distinct question)")
                .register(registry);
    }

    /**
     * The KPI values now and whenever they change, as {@code scope} may see them. The caller's access is checked at
     * once and again whenever the dataset's access list or row policies change: a revoked grant ends the stream
     * with NOT_FOUND, a changed policy moves the subscriber to the poller of its new row filter.
     */
    public Flux<List<KpiValue>> subscribe(KpiQuery query, Duration refresh, SecurityScope scope) {
        if (refresh.compareTo(settings.live().minRefresh()) < 0) {
            return Flux.error(new StrataException.InvalidInput("refreshSeconds must be at least "
                    + settings.live().minRefresh().toSeconds() + ", not " + refresh.toSeconds()));
        }
        String dataset = query.dataset();
        // Checked now, then on every security version seen (the first reading included).
        Flux<Object> checks = Flux.concat(Mono.just(dataset), security.of(dataset));
        return checks.concatMap(
                        check -> models.require(dataset, scope).map(model -> new Key(query, refresh, model.rows())))
                // Only a new row filter moves the subscriber; the same one keeps its poller.
                .distinctUntilChanged()
                .switchMap(key -> Flux.defer(() -> pollers.computeIfAbsent(key, this::poller)))
                // A new poller (after a policy change) replays its last value: push it only if it differs.
                .distinctUntilChanged()
                .doOnSubscribe(s -> subscribers.incrementAndGet())
                .doFinally(signal -> subscribers.decrementAndGet());
    }

    private Flux<List<KpiValue>> poller(Key key) {
        String dataset = key.query().dataset();
        Flux<Object> ticks = Flux.merge(
                Flux.interval(Duration.ZERO, key.refresh()),
                versions.advances().filter(advance -> advance.dataset().equals(dataset)));
        Flux<List<KpiValue>>[] self = new Flux[1];
        self[0] = ticks.onBackpressureLatest()
                .concatMap(tick -> refresh(key), 1)
                .distinctUntilChanged()
                .doOnSubscribe(s -> running.incrementAndGet())
                .doFinally(signal -> {
                    running.decrementAndGet();
                    pollers.remove(key, self[0]);
                })
                .replay(1)
                .refCount();
        return self[0];
    }

    private Mono<List<KpiValue>> refresh(Key key) {
        Duration backoff = settings.live().retryBackoff();
        Duration longest = key.refresh().compareTo(backoff) > 0 ? key.refresh() : backoff;
        // Each subscriber's access was checked; the poller asks under the row filter they share.
        return models.require(key.query().dataset(), key.rows())
                .flatMap(model -> kpis.kpis(model, key.query(), true))
                .doOnError(
                        LiveKpis::upstream,
                        e -> log.info(
                                "Live KPI refresh of '{}' failed, trying again: {}",
                                key.query().dataset(),
                                e.getMessage()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, backoff)
                        .maxBackoff(longest)
                        .filter(LiveKpis::upstream));
    }

    private static boolean upstream(Throwable e) {
        return e instanceof StrataException.UpstreamUnavailable || e instanceof StrataException.UpstreamTimeout;
    }

    int pollers() {
        return running.get();
    }

    int subscribers() {
        return subscribers.get();
    }

    private record Key(KpiQuery query, Duration refresh, RowFilter rows) {}
}
