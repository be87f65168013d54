package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;

/**
 * The {@code ioConfig} of an {@code index_parallel} task.
 *
 * @param type always {@code index_parallel} (defaulted when null)
 * @param appendToExisting add segments next to existing ones instead of replacing the intervals; null for false
 * @param dropExisting replace (tombstone) every existing segment inside the granularitySpec intervals; requires
 *     explicit intervals, which {@link IndexParallelIngestionSpec} checks; null for false
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndexParallelIOConfig(
        String type, InputSource inputSource, InputFormat inputFormat, Boolean appendToExisting, Boolean dropExisting) {

    public static final String TYPE = "index_parallel";

    public IndexParallelIOConfig {
        type = type == null ? TYPE : Checks.fixedType(type, TYPE, "ioConfig");
        Checks.require(inputSource, "ioConfig.inputSource");
        Checks.require(inputFormat, "ioConfig.inputFormat");
        if (Boolean.TRUE.equals(appendToExisting) && Boolean.TRUE.equals(dropExisting)) {
            throw new InvalidSpecException("ioConfig.appendToExisting and ioConfig.dropExisting cannot both be true");
        }
    }

    public static IndexParallelIOConfig of(InputSource inputSource, InputFormat inputFormat) {
        return new IndexParallelIOConfig(TYPE, inputSource, inputFormat, null, null);
    }

    public boolean appends() {
        return Boolean.TRUE.equals(appendToExisting);
    }
}
