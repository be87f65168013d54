package io.strata.api.analytics;

import io.strata.api.analytics.expression.Expression;
import io.strata.api.metadata.MetadataCache;
import io.strata.api.security.DatasetAccess;
import io.strata.api.security.RowFilter;
import io.strata.api.security.SecurityScope;
import io.strata.ingestion.StrataException;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Loads a dataset's {@link DatasetModel} for a caller: its current columns and data version, its measures, and the
 * rows the caller may see. The one way queries get a model, so every query is checked against the dataset's
 * access list and carries its row-level filter.
 */
@Component
public class DatasetModels {

    private final DatasetCatalog catalog;
    private final MeasureDefinitions definitions;
    private final DatasetAccess access;
    private final MetadataCache metadata;

    DatasetModels(
            DatasetCatalog catalog, MeasureDefinitions definitions, DatasetAccess access, MetadataCache metadata) {
        this.catalog = catalog;
        this.definitions = definitions;
        this.access = access;
        this.metadata = metadata;
    }

    /**
     * The dataset's model as {@code caller} may see it; NOT_FOUND naming it when it does not exist or the caller may
     * not read it (the same error, so its existence is not revealed).
     */
    public Mono<DatasetModel> require(String dataset, SecurityScope caller) {
        // Three independent lookups, at once: access, the dataset (and its columns), its measures; from the node's
        // metadata cache while it is current, else from PostgreSQL.
        return Mono.zip(access.read(dataset, caller), catalog.require(dataset), measuresOf(dataset))
                .map(all -> new DatasetModel(available(all.getT2()), all.getT3(), all.getT1()));
    }

    /** A query over a dataset Druid has no data for says so, naming it (after access was checked: no leak). */
    private static DatasetView available(DatasetView view) {
        if (!view.available()) {
            throw new StrataException.UpstreamUnavailable(view.unavailable(), null);
        }
        return view;
    }

    /** The model of a dataset already found, as {@code caller} may see it (NOT_FOUND when they may not). */
    public Mono<DatasetModel> of(DatasetView view, SecurityScope caller) {
        return access.read(view.name(), caller).flatMap(rows -> of(view, rows));
    }

    /**
     * The dataset's model under a row filter already decided for its callers, without checking access again: for
     * a poller shared by subscribers whose access is checked one by one.
     */
    public Mono<DatasetModel> require(String dataset, RowFilter rows) {
        return catalog.require(dataset).map(DatasetModels::available).flatMap(view -> of(view, rows));
    }

    private Mono<DatasetModel> of(DatasetView view, RowFilter rows) {
        return measuresOf(view.name()).map(defined -> new DatasetModel(view, defined, rows));
    }

    private Mono<Map<String, Expression>> measuresOf(String dataset) {
        return metadata.get(MetadataCache.Kind.MEASURES, dataset, () -> definitions.of(dataset));
    }
}
