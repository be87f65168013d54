package io.strata.ingestion.upload;

import io.strata.ingestion.DatasetNames;
import io.strata.ingestion.IngestionSettings;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.storage.ObjectStore;
import io.strata.schema.DetectionResult;
import io.strata.schema.FileFormat;
import io.strata.schema.SchemaDetector;
import io.strata.schema.SchemaException;
import io.strata.schema.TooManyColumnsException;
import io.strata.schema.UnsupportedFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Detects and validates a file exactly as an upload would, and plans the Druid task it would become, without
 * storing or recording anything. Reads on the upload worker threads, like uploads.
 */
@Service
public class SchemaPreview {

    private final ObjectStore store;
    private final SpecFactory specs;
    private final IngestionSettings settings;
    private final UploadScheduler uploads;
    private final JsonMapper json;

    SchemaPreview(
            ObjectStore store,
            SpecFactory specs,
            IngestionSettings settings,
            UploadScheduler uploads,
            JsonMapper json) {
        this.store = store;
        this.specs = specs;
        this.settings = settings;
        this.uploads = uploads;
        this.json = json;
    }

    /**
     * @throws StrataException.UnsupportedMedia (as the error signal) for a format Strata does not read
     * @throws StrataException.Unprocessable when the file cannot be read at all; bad rows are reported instead
     */
    public Mono<SchemaDetection> detect(UploadRequest request, Flux<DataBuffer> body) {
        return Mono.fromCallable(() -> {
                    String dataset = DatasetNames.require(request.dataset());
                    DetectionResult detection = read(request, body);
                    return describe(dataset, request, detection);
                })
                .subscribeOn(uploads.scheduler());
    }

    private DetectionResult read(UploadRequest request, Flux<DataBuffer> body) throws IOException {
        try (InputStream in = UploadPipeline.bodyStream(body)) {
            CheckedInput checked = new CheckedInput(in, settings.maxUploadSize().toBytes(), request.fileName());
            DetectionResult detection = SchemaDetector.create(UploadLimits.apply(settings, request.detection()))
                    .detect(checked, request.fileName());
            checked.drain();
            return detection;
        } catch (TooManyColumnsException e) {
            throw UploadLimits.refusal(e, request.fileName());
        } catch (UnsupportedFormatException e) {
            throw new StrataException.UnsupportedMedia(e.getMessage());
        } catch (SchemaException e) {
            throw new StrataException.Unprocessable(e.getMessage(), Map.of("file", request.fileName()));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private SchemaDetection describe(String dataset, UploadRequest request, DetectionResult detection) {
        String normalized = detection.normalizedFormat() != null
                ? detection.normalizedFormat().id()
                : null;
        if (!detection.report().withinBudget()) {
            return refused(
                    detection,
                    request.fileName() + " has too many bad rows: "
                            + detection.report().verdict());
        }
        if (detection.report().rows() == 0) {
            return refused(detection, request.fileName() + " holds no rows to ingest");
        }
        // Where an upload would put it; the ids are fresh, as an upload's would be.
        String key = "uploads/" + dataset + "/" + UUID.randomUUID() + "/"
                + (detection.normalizedFormat() != null
                        ? "normalized.jsonl"
                        : UploadPipeline.objectName(request.fileName()));
        FileFormat druidFormat = detection.normalizedFormat() != null
                ? detection.normalizedFormat()
                : detection.schema().format();
        PlannedTask planned = specs.plan(
                detection, request, "strata_" + dataset + "_" + UUID.randomUUID(), store.druidUri(key), druidFormat);
        return new SchemaDetection(
                detection.schema(),
                detection.report(),
                true,
                null,
                json.readTree(planned.taskJson()),
                planned.decisions(),
                normalized);
    }

    private static SchemaDetection refused(DetectionResult detection, String problem) {
        return new SchemaDetection(
                detection.schema(),
                detection.report(),
                false,
                problem,
                null,
                List.of(),
                detection.normalizedFormat() != null
                        ? detection.normalizedFormat().id()
                        : null);
    }
}
