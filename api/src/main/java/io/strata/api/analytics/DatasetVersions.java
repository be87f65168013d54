package io.strata.api.analytics;

import reactor.core.publisher.Flux;

/**
 * Tells when a dataset's data version advances, i.e. when an ingestion into it succeeded. Listeners use it to
 * refresh at once instead of waiting for their next poll; cached answers need nothing from it, as their keys hold
 * the version itself.
 *
 * <p>Threading: events may arrive on any thread; subscribers must not block.
 */
public interface DatasetVersions {

    /**
     * Every advance from now on. Hot and infinite; an implementation may watch its source only while someone
     * subscribes.
     */
    Flux<DatasetVersionAdvanced> advances();

    /** A dataset's data version moved to {@code dataVersion} (an ingestion into it succeeded). */
    record DatasetVersionAdvanced(String dataset, long dataVersion) {}
}
