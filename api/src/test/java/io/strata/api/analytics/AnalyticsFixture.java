package io.strata.api.analytics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strata.api.analytics.expression.Expression;
import io.strata.api.metadata.MetadataCache;
import io.strata.api.metadata.MetadataSettings;
import io.strata.api.security.DatasetAccess;
import io.strata.api.security.InMemoryAccessRules;
import io.strata.api.security.SecurityChanges;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.task.Dataset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics query layer wired for unit tests: real catalog, models, cache and services over in-memory fakes of
 * our ports — Druid SQL, the dataset directory, measure definitions and data versions.
 */
public final class AnalyticsFixture {

    public final FakeDruidSql druid = new FakeDruidSql();
    public final InMemoryDatasetDirectory directory = new InMemoryDatasetDirectory();
    public final FakeDatasetVersions versions = new FakeDatasetVersions();
    public final AnalyticsSettings settings = AnalyticsSettings.defaults();
    public final InMemoryAccessRules rules = new InMemoryAccessRules();
    /** Never listening, so every lookup reads the fakes (MetadataCacheTest covers the cache). */
    public final MetadataCache metadata = new MetadataCache(MetadataSettings.defaults(), new SimpleMeterRegistry());

    public final DatasetAccess access = new DatasetAccess(rules, metadata);
    public final SecurityChanges securityChanges =
            new SecurityChanges(rules, metadata, java.time.Duration.ofSeconds(1));
    public final DatasetModels models;
    public final QueryCache cache;
    public final Kpis kpis;
    public final Timeseries timeseries;

    public AnalyticsFixture() {
        this(SharedResults.NONE);
    }

    /** A node whose result cache has {@code shared} behind it. */
    public AnalyticsFixture(SharedResults shared) {
        DatasetCatalog catalog =
                new DatasetCatalog(directory, druid, JsonMapper.builder().build(), metadata);
        models = new DatasetModels(catalog, new InMemoryMeasureDefinitions(), access, metadata);
        cache = QueryCache.of(druid, shared, settings);
        kpis = new Kpis(models, cache);
        timeseries = new Timeseries(models, cache, new TimeRanges(cache), settings);
    }

    /** Druid SQL answering the catalog's column query and, for any other query, the row it is given. */
    public static final class FakeDruidSql implements DruidSql {

        private final AtomicReference<Map<String, Object>> row = new AtomicReference<>(Map.of("m0", 1L, "n", 1L));
        private final AtomicInteger queries = new AtomicInteger();
        private final List<DruidQuery> seen = new ArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();

        /** The next queries answer no row at all (as Druid does when no row can match). */
        public void answerNoRows() {
            row.set(null);
        }

        /** The next queries answer one row of nulls, counts too (as Druid does for some plans when no row matches). */
        public void answerNulls() {
            Map<String, Object> next = new HashMap<>();
            next.put("m0", null);
            next.put("m1", null);
            next.put("m2", null);
            next.put("n", null);
            row.set(next);
        }

        /** The next queries answer one row with {@code m0 = value}. */
        public void answer(Object value) {
            Map<String, Object> next = new HashMap<>();
            next.put("m0", value);
            next.put("n", 1L); // rows matched
            row.set(next);
        }

        /** The next {@code count} queries (other than column lookups) fail as a broker that is down does. */
        public void failNext(int count) {
            failures.set(count);
        }

        /** Queries other than the catalog's column lookups. */
        public int queries() {
            return queries.get();
        }

        public synchronized List<DruidQuery> seen() {
            return List.copyOf(seen);
        }

        @Override
        public Mono<List<Map<String, Object>>> query(DruidQuery query) {
            return Mono.fromSupplier(() -> {
                if (query.sql().contains("INFORMATION_SCHEMA")) {
                    return List.of(
                            Map.of("name", "__time", "type", "TIMESTAMP"),
                            Map.of("name", "country", "type", "VARCHAR"),
                            Map.of("name", "quantity", "type", "BIGINT"));
                }
                queries.incrementAndGet();
                synchronized (this) {
                    seen.add(query);
                }
                if (failures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    throw new StrataException.UpstreamUnavailable("Druid broker is down (fake)", null);
                }
                Map<String, Object> answer = row.get();
                return answer == null ? List.of() : List.of(answer);
            });
        }
    }

    public static final class InMemoryDatasetDirectory implements DatasetDirectory {

        private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();

        public void put(String name, long version) {
            datasets.put(name, new Dataset(name, version, false, null, null, Instant.EPOCH, Instant.EPOCH));
        }

        @Override
        public Mono<Dataset> dataset(String name) {
            return Mono.justOrEmpty(datasets.get(name));
        }

        @Override
        public Flux<Dataset> datasets() {
            return Flux.fromIterable(datasets.values());
        }

        @Override
        public Mono<String> spec(String name) {
            return Mono.empty();
        }
    }

    static final class InMemoryMeasureDefinitions implements MeasureDefinitions {

        private final Map<String, Map<String, Expression>> measures = new ConcurrentHashMap<>();

        @Override
        public Mono<Map<String, Expression>> of(String dataset) {
            return Mono.fromSupplier(() -> Map.copyOf(measures.getOrDefault(dataset, Map.of())));
        }

        @Override
        public Mono<Void> save(String dataset, String name, Expression expression) {
            return Mono.fromRunnable(() -> measures.computeIfAbsent(dataset, d -> new ConcurrentHashMap<>())
                    .put(name, expression));
        }

        @Override
        public Mono<Boolean> delete(String dataset, String name) {
            return Mono.fromSupplier(
                    () -> measures.getOrDefault(dataset, Map.of()).remove(name) != null);
        }
    }

    public static final class FakeDatasetVersions implements DatasetVersions {

        private final Sinks.Many<DatasetVersionAdvanced> sink =
                Sinks.many().multicast().directBestEffort();

        public void advance(String dataset, long version) {
            sink.tryEmitNext(new DatasetVersionAdvanced(dataset, version));
        }

        public int listeners() {
            return sink.currentSubscriberCount();
        }

        @Override
        public Flux<DatasetVersionAdvanced> advances() {
            return sink.asFlux();
        }
    }
}
