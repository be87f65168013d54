package io.strata.api.analytics;

import io.strata.ingestion.task.Dataset;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where analytics learns which datasets exist and their current data version: the datasets with at least one
 * successful ingestion. Reads are current (no caching here).
 */
public interface DatasetDirectory {

    /** The dataset, or empty when it does not exist. */
    Mono<Dataset> dataset(String name);

    /** Every dataset, by name. */
    Flux<Dataset> datasets();
}
