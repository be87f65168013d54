package io.strata.ingestion.upload;

import io.strata.schema.DetectionResult;
import io.strata.schema.FileFormat;

/** Turns a validated upload into the Druid task that ingests it. */
public interface SpecFactory {

    /**
     * @param inputUri where Druid reads the file (e.g. {@code s3://bucket/key})
     * @param druidFormat the format of that file (the original's, or the normalized copy's)
     * @throws io.strata.ingestion.StrataException.InvalidInput when the client's overrides contradict the data
     */
    PlannedTask plan(
            DetectionResult detection,
            UploadRequest request,
            String druidTaskId,
            String inputUri,
            FileFormat druidFormat);
}
