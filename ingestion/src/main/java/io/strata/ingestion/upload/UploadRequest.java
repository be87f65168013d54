package io.strata.ingestion.upload;

import io.strata.ingestion.Actor;
import io.strata.ingestion.IngestionMode;
import io.strata.schema.DetectionOptions;
import java.util.Objects;

/**
 * One file to ingest, with the client's choices.
 *
 * @param fileName the file's name as the client gave it (picks the format, names the stored object)
 * @param force ingest again even when the same content was already ingested into the dataset
 * @param detection detection options, with the client's overrides of types, roles and timestamp
 * @param rollup the client's rollup choice, or null to let the generator decide
 * @param requestedBy who uploads it ({@link Actor#SYSTEM} when not given)
 * @param length the file's length in bytes when the client announced it before sending it (a raw body's
 *     {@code Content-Length}), else -1
 */
public record UploadRequest(
        String dataset,
        String fileName,
        String contentType,
        IngestionMode mode,
        boolean force,
        DetectionOptions detection,
        Boolean rollup,
        Actor requestedBy,
        long length) {

    public UploadRequest(
            String dataset,
            String fileName,
            String contentType,
            IngestionMode mode,
            boolean force,
            DetectionOptions detection,
            Boolean rollup) {
        this(dataset, fileName, contentType, mode, force, detection, rollup, Actor.SYSTEM, -1);
    }

    /** The same request, made by {@code actor}. */
    public UploadRequest by(Actor actor) {
        return new UploadRequest(dataset, fileName, contentType, mode, force, detection, rollup, actor, length);
    }

    /** The same request, for a file of {@code length} bytes (-1: not known before it is read). */
    public UploadRequest withLength(long length) {
        return new UploadRequest(
                dataset, fileName, contentType, mode, force, detection, rollup, requestedBy, length < 0 ? -1 : length);
    }

    public UploadRequest {
        requestedBy = requestedBy != null ? requestedBy : Actor.SYSTEM;
        Objects.requireNonNull(dataset, "dataset");
        fileName = fileName == null || fileName.isBlank() ? "upload" : fileName;
        mode = mode != null ? mode : IngestionMode.CREATE;
        detection = detection != null ? detection : DetectionOptions.defaults();
    }
}
