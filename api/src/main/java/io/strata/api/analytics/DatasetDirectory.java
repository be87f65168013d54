package io.strata.api.analytics;

import io.strata.ingestion.task.Dataset;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where analytics learns which datasets exist and their current data version: the datasets with at least one
 * successful ingestion. Reads are current (no caching here).
 */
public interface DatasetDirectory {

    /** The dataset (without its ingestion spec: {@link #spec}), or empty when it does not exist. */
    Mono<Dataset> dataset(String name);

    /** Every dataset (without specs), by name. */
    Flux<Dataset> datasets();

    /** The ingestion spec of the dataset's latest successful ingestion (JSON); empty when there is none. */
    Mono<String> spec(String name);
}
