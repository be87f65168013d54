package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;
import java.util.List;

/**
 * The {@code spec} of an {@code index_parallel} task. Checks the rules that span its parts: guaranteed rollup and
 * {@code dropExisting} need explicit intervals, and appends need dynamic partitioning.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndexParallelIngestionSpec(
        DataSchema dataSchema, IndexParallelIOConfig ioConfig, IndexParallelTuningConfig tuningConfig) {

    public IndexParallelIngestionSpec {
        Checks.require(dataSchema, "spec.dataSchema");
        Checks.require(ioConfig, "spec.ioConfig");
        List<String> intervals = dataSchema.granularitySpecOrDefault().intervals();
        boolean hasIntervals = intervals != null && !intervals.isEmpty();
        if (Boolean.TRUE.equals(ioConfig.dropExisting()) && !hasIntervals) {
            throw new InvalidSpecException("ioConfig.dropExisting needs granularitySpec.intervals");
        }
        if (tuningConfig != null && tuningConfig.guaranteedRollup()) {
            if (ioConfig.appends()) {
                throw new InvalidSpecException(
                        "tuningConfig.forceGuaranteedRollup cannot be combined with ioConfig.appendToExisting");
            }
        }
    }
}
