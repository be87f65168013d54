package io.strata.ingestion.upload;

import io.strata.ingestion.TaskStatus;
import java.util.UUID;

/**
 * The answer to an accepted upload.
 *
 * @param schema the detected schema
 * @param report the validation report
 * @param duplicate true when the same content was already ingested into the dataset and this is that upload
 */
public record UploadAccepted(
        UUID uploadId,
        UUID taskId,
        String dataset,
        TaskStatus status,
        String druidTaskId,
        Object schema,
        Object report,
        boolean duplicate) {}
