package io.strata.ingestion;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the upload pipeline and the task driver ({@code strata.ingestion.*}).
 *
 * @param maxUploadSize largest accepted file, enforced while streaming
 * @param partSize S3 multipart part size (at least 5 MB, S3's minimum)
 * @param singlePutMaxSize a file whose length the client announced (a raw body's {@code Content-Length}) and no
 *     larger than this is stored with one streaming PUT instead of a multipart upload (0: always multipart)
 * @param uploadThreads uploads validated and stored at the same time (each holds about three parts in memory)
 * @param pollInterval how often open tasks are advanced
 * @param lease how long a node owns the tasks it drives before another node may take them over
 * @param abandonedAfter an upload whose node gave no sign of life for this long is failed (its node died
 *     mid-stream); a live upload's node signs three times per period, at least every 10 s
 * @param awaitSegmentAvailability how long Druid's task waits for its segments to be loaded before finishing
 * @param workerLostAfter a running task whose worker neither answers nor lists it for this long is taken for lost:
 *     it is shut down in Druid and resubmitted once from the stored file (or failed with the reason)
 * @param taskDeadline a task Druid has not finished this long after its upload was received is shut down in Druid
 *     and failed, whatever Druid says of it
 * @param warmup how many bytes of generated files the node sends through the upload path (validation and the
 *     object store, each file deleted at once) once it is ready, so that the first upload a user sends runs compiled
 *     code (0: none)
 * @param maxColumns most columns an uploaded file may have (a CSV header's fields, a Parquet or Arrow schema's
 *     columns); a wider file is refused with 422 naming this limit
 */
@ConfigurationProperties("strata.ingestion")
public record IngestionSettings(
        DataSize maxUploadSize,
        DataSize partSize,
        DataSize singlePutMaxSize,
        int uploadThreads,
        Duration pollInterval,
        Duration lease,
        Duration abandonedAfter,
        Duration awaitSegmentAvailability,
        Duration workerLostAfter,
        Duration taskDeadline,
        DataSize warmup,
        int maxColumns) {

    /** The settings with the default column limit. */
    public IngestionSettings(
            DataSize maxUploadSize,
            DataSize partSize,
            DataSize singlePutMaxSize,
            int uploadThreads,
            Duration pollInterval,
            Duration lease,
            Duration abandonedAfter,
            Duration awaitSegmentAvailability,
            Duration workerLostAfter,
            Duration taskDeadline,
            DataSize warmup) {
        this(
                maxUploadSize,
                partSize,
                singlePutMaxSize,
                uploadThreads,
                pollInterval,
                lease,
                abandonedAfter,
                awaitSegmentAvailability,
                workerLostAfter,
                taskDeadline,
                warmup,
                0);
    }

    @ConstructorBinding // the canonical constructor; the other one keeps older callers compiling
    public IngestionSettings {
        maxUploadSize = maxUploadSize != null ? maxUploadSize : DataSize.ofGigabytes(5);
        partSize = partSize != null ? partSize : DataSize.ofMegabytes(8);
        singlePutMaxSize = singlePutMaxSize != null ? singlePutMaxSize : DataSize.ofMegabytes(256);
        uploadThreads = uploadThreads > 0 ? uploadThreads : 4;
        pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(1);
        lease = lease != null ? lease : Duration.ofSeconds(30);
        abandonedAfter = abandonedAfter != null ? abandonedAfter : Duration.ofMinutes(2);
        awaitSegmentAvailability = awaitSegmentAvailability != null ? awaitSegmentAvailability : Duration.ofMinutes(5);
        workerLostAfter = workerLostAfter != null ? workerLostAfter : Duration.ofSeconds(15);
        taskDeadline = taskDeadline != null ? taskDeadline : Duration.ofHours(4);
        warmup = warmup != null ? warmup : DataSize.ofMegabytes(64);
        maxColumns = maxColumns > 0 ? maxColumns : io.strata.schema.DetectionOptions.DEFAULT_MAX_COLUMNS;
        if (partSize.toBytes() < DataSize.ofMegabytes(5).toBytes()) {
            throw new IllegalArgumentException(
                    "strata.ingestion.part-size must be at least 5MB (S3's minimum part " + "size): " + partSize);
        }
        if (abandonedAfter.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("strata.ingestion.abandoned-after must be at least 3s (a streaming "
                    + "upload proves it is alive three times per period): " + abandonedAfter);
        }
    }
}
