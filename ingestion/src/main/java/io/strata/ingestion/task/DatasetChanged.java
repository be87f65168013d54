package io.strata.ingestion.task;

import java.util.Objects;

/**
 * Published in process (a Spring application event) right after a change to a dataset's metadata committed on this
 * node — its row and data version, its access rules, its measures — so this node's caches drop what they hold of it
 * before the caller's next request. Other nodes learn of the change from PostgreSQL's notification.
 *
 * @param dataset the dataset's name
 */
public record DatasetChanged(String dataset) {

    public DatasetChanged {
        Objects.requireNonNull(dataset, "dataset");
    }
}
