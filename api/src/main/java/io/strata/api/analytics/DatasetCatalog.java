package io.strata.api.analytics;

import io.strata.api.metadata.MetadataCache;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.task.Dataset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The datasets that exist and their columns (who may see them is {@code DatasetAccess}'s decision): the dataset must have succeeded an ingestion (PostgreSQL),
 * and its columns are what Druid's broker serves. Columns are cached per data version, so a new ingestion (which
 * may add columns) is seen at once, and asked of Druid again every {@link #RECHECK_AFTER}, so a datasource that
 * disappeared from Druid is reported as unavailable.
 */
@Component
public class DatasetCatalog {

    private static final String COLUMNS = "SELECT COLUMN_NAME AS name, DATA_TYPE AS type FROM "
            + "INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'druid' AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";

    private final DatasetDirectory directory;
    private final DruidSql druid;
    private final JsonMapper json;
    private final MetadataCache metadata;
    /**
     * How long a dataset's columns are trusted without asking Druid again, within one data version: a datasource
     * dropped in Druid (a retention rule, a kill task, an operator) is noticed within this time.
     */
    static final Duration RECHECK_AFTER = Duration.ofSeconds(30);

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(DatasetView view, long loadedAt) {}

    DatasetCatalog(DatasetDirectory directory, DruidSql druid, JsonMapper json, MetadataCache metadata) {
        this.directory = directory;
        this.druid = druid;
        this.json = json;
        this.metadata = metadata;
    }

    /** The dataset, or a NOT_FOUND error naming it. */
    public Mono<DatasetView> require(String name) {
        return metadata.get(MetadataCache.Kind.DATASET, name, () -> directory.dataset(name))
                // made only when missing: an exception's stack trace cost 2% of an uncached answer's CPU
                .switchIfEmpty(Mono.error(() -> new StrataException.NotFound("dataset '" + name + "' does not exist")))
                .flatMap(this::view);
    }

    /** Every dataset; callers filter by access. */
    public Flux<DatasetView> all() {
        return directory.datasets().concatMap(this::view);
    }

    /** The view of a dataset row: its columns as Druid serves them. */
    public Mono<DatasetView> view(Dataset dataset) {
        Cached cached = cache.get(dataset.name());
        if (cached != null
                && cached.view().dataset().dataVersion() == dataset.dataVersion()
                && System.nanoTime() - cached.loadedAt() < RECHECK_AFTER.toNanos()) {
            return Mono.just(cached.view());
        }
        // Read on every request without its spec; the spec (which says what are metrics) only when the version moved.
        Mono<String> spec = dataset.spec() != null
                ? Mono.just(dataset.spec())
                : directory.spec(dataset.name()).defaultIfEmpty("");
        return Mono.zip(druid.query(COLUMNS, List.of(dataset.name())), spec).map(both -> {
            List<Map<String, Object>> rows = both.getT1();
            if (rows.isEmpty()) {
                // Druid has no such datasource (dropped, killed, not loaded): said so, and asked again next time.
                cache.remove(dataset.name());
                return DatasetView.unavailable(dataset);
            }
            Set<String> metrics = metricNames(both.getT2());
            List<DatasetColumn> columns = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                String column = (String) row.get("name");
                String role = column.equals("__time") ? "TIMESTAMP" : metrics.contains(column) ? "METRIC" : "DIMENSION";
                columns.add(new DatasetColumn(column, (String) row.get("type"), role));
            }
            DatasetView view = new DatasetView(dataset, columns);
            cache.put(dataset.name(), new Cached(view, System.nanoTime()));
            return view;
        });
    }

    private Set<String> metricNames(String spec) {
        Set<String> names = new HashSet<>();
        if (spec == null || spec.isEmpty()) {
            return names;
        }
        for (JsonNode metric :
                json.readTree(spec).path("spec").path("dataSchema").path("metricsSpec")) {
            names.add(metric.path("name").asString());
        }
        return names;
    }
}
