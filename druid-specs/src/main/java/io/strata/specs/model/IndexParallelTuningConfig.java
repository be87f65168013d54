package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;

/**
 * The {@code tuningConfig} of an {@code index_parallel} task. Null fields take Druid's defaults and are not written.
 *
 * @param type always {@code index_parallel} (defaulted when null)
 * @param maxNumConcurrentSubTasks worker tasks run at once; 1 (Druid's default) runs in the supervisor task itself
 * @param maxParseExceptions unparseable rows tolerated before the task fails; Druid's default is unlimited
 * @param awaitSegmentAvailabilityTimeoutMillis wait for the new segments to be queryable before succeeding
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndexParallelTuningConfig(
        String type,
        PartitionsSpec partitionsSpec,
        Integer maxNumConcurrentSubTasks,
        Integer maxRowsInMemory,
        Long maxBytesInMemory,
        Integer maxRetry,
        Integer totalNumMergeTasks,
        Boolean forceGuaranteedRollup,
        Boolean logParseExceptions,
        Integer maxParseExceptions,
        Integer maxSavedParseExceptions,
        Long awaitSegmentAvailabilityTimeoutMillis) {

    public static final String TYPE = "index_parallel";

    public IndexParallelTuningConfig {
        type = type == null ? TYPE : Checks.fixedType(type, TYPE, "tuningConfig");
        Checks.positive(maxNumConcurrentSubTasks, "tuningConfig.maxNumConcurrentSubTasks");
        Checks.positive(maxRowsInMemory, "tuningConfig.maxRowsInMemory");
        Checks.positive(totalNumMergeTasks, "tuningConfig.totalNumMergeTasks");
        if (maxParseExceptions != null && maxParseExceptions < 0) {
            throw InvalidSpecException.of("tuningConfig.maxParseExceptions must be >= 0, got [%d]", maxParseExceptions);
        }
        boolean guaranteed = Boolean.TRUE.equals(forceGuaranteedRollup);
        if (guaranteed && (partitionsSpec == null || !partitionsSpec.needsGuaranteedRollup())) {
            throw InvalidSpecException.of(
                    "tuningConfig.forceGuaranteedRollup needs a hashed, single_dim or range partitionsSpec, got [%s]",
                    partitionsSpec == null ? "dynamic (default)" : partitionsSpec.typeName());
        }
    }

    /** Druid's defaults apart from {@code partitionsSpec}. */
    public static IndexParallelTuningConfig of(PartitionsSpec partitionsSpec) {
        boolean guaranteed = partitionsSpec != null && partitionsSpec.needsGuaranteedRollup();
        return new IndexParallelTuningConfig(
                TYPE, partitionsSpec, null, null, null, null, null, guaranteed ? true : null, null, null, null, null);
    }

    public boolean guaranteedRollup() {
        return Boolean.TRUE.equals(forceGuaranteedRollup);
    }
}
