package io.strata.api.metadata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.strata.ingestion.task.DatasetChanged;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A node's copy of what every query needs before it can run: a dataset's row (and data version), its access rules
 * and row policies, its measures. With it a query, and a cache hit above all, reads nothing from PostgreSQL.
 *
 * <p>Never stale by construction: entries are served only while the node receives PostgreSQL's change notifications
 * ({@link PostgresMetadataListener}; migration {@code V6__metadata_notifications.sql} notifies on every committed
 * change of those tables). Each dataset has a generation, advanced by each notification about it, and by this node's
 * own writes the moment they commit ({@link DatasetChanged}), so a caller reads their own writes at once. An entry
 * holds the generation it was read under and is served only while that is still current; a read that overlapped a
 * change is therefore never kept. Losing the listening connection (or its check failing) stops serving at once, and
 * every entry read before is dropped; until listening again, every request reads PostgreSQL, as without the cache.
 *
 * <p>Metrics: {@code strata.metadata.cache{result=hit|miss|bypass}}, gauge {@code strata.metadata.listening}.
 */
@Component
public class MetadataCache {

    /** What is cached of a dataset. */
    public enum Kind {
        DATASET,
        RULES,
        MEASURES
    }

    private record Key(Kind kind, String dataset) {}

    /**
     * What a node knows of a dataset's metadata at one moment: equal versions mean that no change to it (rows of
     * {@code datasets}, its grants and row policies, its measures) committed in between, and that the node listened
     * all along.
     */
    public record Version(long epoch, long generation) {}

    private record Entry(Version version, Object value) {}

    private final boolean enabled;
    private final Cache<Key, Entry> entries;
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean listening;
    private final Counter hits;
    private final Counter misses;
    private final Counter bypasses;

    public MetadataCache(MetadataSettings settings, MeterRegistry registry) {
        this.enabled = settings.cacheEnabled();
        this.entries = Caffeine.newBuilder().maximumSize(settings.maxEntries()).build();
        this.hits = counter(registry, "hit");
        this.misses = counter(registry, "miss");
        this.bypasses = counter(registry, "bypass");
        Gauge.builder("strata.metadata.listening", this, cache -> cache.listening ? 1 : 0)
                .description("1 while the node receives metadata change notifications (and may serve cached metadata)")
                .register(registry);
    }

    /**
     * The {@code kind} of {@code dataset}: cached when current, else what {@code load} reads (kept when no change
     * arrived meanwhile). {@code load} may complete empty; that is cached too.
     */
    public <T> Mono<T> get(Kind kind, String dataset, Supplier<Mono<T>> load) {
        if (!enabled || !listening) {
            bypasses.increment();
            return load.get();
        }
        Key key = new Key(kind, dataset);
        Version version = current(dataset);
        Entry entry = entries.getIfPresent(key);
        if (entry != null && entry.version().equals(version)) {
            hits.increment();
            @SuppressWarnings("unchecked")
            Optional<T> value = (Optional<T>) entry.value();
            return Mono.justOrEmpty(value);
        }
        misses.increment();
        return load.get()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .doOnNext(value -> {
                    if (listening && version.equals(current(dataset))) {
                        entries.put(key, new Entry(version, value));
                    }
                })
                .flatMap(Mono::justOrEmpty);
    }

    /** {@code dataset}'s metadata changed (and the change committed): no entry read before is served again. */
    public void changed(String dataset) {
        generations.merge(dataset, 1L, Long::sum);
        for (Kind kind : Kind.values()) {
            entries.invalidate(new Key(kind, dataset));
        }
    }

    /** This node's own write committed: its next request must see it, before the notification comes back. */
    @EventListener
    public void on(DatasetChanged change) {
        changed(change.dataset());
    }

    /**
     * Whether change notifications are being received. Either way, everything read before is dropped: while not
     * listening a change could have been missed, and entries read then were never safe to keep. Called by the
     * listener (and by tests that stand in for it).
     */
    public void listening(boolean now) {
        if (now && enabled) {
            epoch.incrementAndGet(); // before serving: nothing read under the old epoch is kept
            listening = true;
        } else {
            listening = false; // first: no request starts serving from memory
            epoch.incrementAndGet();
        }
        entries.invalidateAll();
    }

    public boolean listening() {
        return listening;
    }

    /**
     * The version of {@code dataset}'s metadata, for callers that keep something derived from it (an answer): empty
     * when the cache is off or not listening, when nothing derived may be kept.
     */
    public Optional<Version> version(String dataset) {
        return enabled && listening ? Optional.of(current(dataset)) : Optional.empty();
    }

    private Version current(String dataset) {
        return new Version(epoch.get(), generations.getOrDefault(dataset, 0L));
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("strata.metadata.cache")
                .tag("result", result)
                .description("Dataset metadata lookups: served from memory, read and kept, or read while not listening")
                .register(registry);
    }
}
