package io.strata.ingestion.task;

import io.strata.ingestion.Actor;
import java.time.Instant;
import java.util.UUID;

/**
 * A file received for a dataset.
 *
 * @param objectKey where the original file is stored
 * @param normalizedKey where the normalized copy Druid reads is stored, or null when Druid reads the original
 * @param detection the detected schema and validation report (JSON), null until validated
 * @param requestedBy who uploaded it
 */
public record Upload(
        UUID id,
        String dataset,
        String fileName,
        String contentType,
        Long sizeBytes,
        String sha256,
        String objectKey,
        String normalizedKey,
        String detection,
        Instant createdAt,
        Actor requestedBy) {

    public Upload(
            UUID id,
            String dataset,
            String fileName,
            String contentType,
            Long sizeBytes,
            String sha256,
            String objectKey,
            String normalizedKey,
            String detection,
            Instant createdAt) {
        this(
                id,
                dataset,
                fileName,
                contentType,
                sizeBytes,
                sha256,
                objectKey,
                normalizedKey,
                detection,
                createdAt,
                Actor.SYSTEM);
    }

    public Upload {
        requestedBy = requestedBy != null ? requestedBy : Actor.SYSTEM;
    }
}
