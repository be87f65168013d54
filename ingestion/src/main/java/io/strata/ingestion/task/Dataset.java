package io.strata.ingestion.task;

import java.time.Instant;

/**
 * A dataset with at least one successful ingestion.
 *
 * @param dataVersion advanced by every successful ingestion into the dataset (cache keys include it)
 * @param rollup whether Druid rolled rows up at ingestion
 * @param countColumn with rollup, the metric holding how many input rows each stored row stands for; else null
 * @param spec the spec of the latest successful ingestion (JSON)
 */
public record Dataset(
        String name,
        long dataVersion,
        boolean rollup,
        String countColumn,
        String spec,
        Instant createdAt,
        Instant updatedAt) {}
