package io.strata.api.analytics;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Loads a dataset's {@link DatasetModel}: its current columns and data version, and its measures. */
@Component
public class DatasetModels {

    private final DatasetCatalog catalog;
    private final MeasureDefinitions definitions;

    DatasetModels(DatasetCatalog catalog, MeasureDefinitions definitions) {
        this.catalog = catalog;
        this.definitions = definitions;
    }

    /** The dataset's model, or a NOT_FOUND error naming it. */
    public Mono<DatasetModel> require(String dataset) {
        return catalog.require(dataset).flatMap(this::of);
    }

    public Mono<DatasetModel> of(DatasetView view) {
        return definitions.of(view.name()).map(defined -> new DatasetModel(view, defined));
    }
}
