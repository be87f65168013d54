package io.strata.ingestion.storage;

import io.micrometer.core.instrument.Counter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Writes an object as an S3 multipart upload: bytes fill a part-sized buffer, full parts upload asynchronously
 * while the next one fills, and at most {@link #MAX_PARTS_IN_FLIGHT} parts are in flight, so memory stays at a few
 * parts whatever the object's size.
 */
final class S3MultipartSink implements ObjectSink {

    private static final Logger log = LoggerFactory.getLogger(S3MultipartSink.class);
    private static final int MAX_PARTS_IN_FLIGHT = 2;

    private final S3AsyncClient client;
    private final String bucket;
    private final String key;
    private final String uploadId;
    private final int partSize;
    private final long length;
    private final Counter sent;
    private final Deque<CompletableFuture<CompletedPart>> inFlight = new ArrayDeque<>();
    private final List<CompletedPart> done = new ArrayList<>();
    private byte[] buffer;
    private int filled;
    private int nextPart = 1;
    private long size;
    private boolean ended;

    /** {@code length}: the object's announced length, checked on {@link #complete()}, or negative when unknown. */
    S3MultipartSink(
            S3AsyncClient client, String bucket, String key, String uploadId, int partSize, long length, Counter sent) {
        this.client = client;
        this.sent = sent;
        this.length = length;
        this.bucket = bucket;
        this.key = key;
        this.uploadId = uploadId;
        this.partSize = partSize;
        this.buffer = new byte[partSize];
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (ended) {
            throw new IllegalStateException("object " + key + " is already completed or aborted");
        }
        while (length > 0) {
            int n = Math.min(length, partSize - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
            size += n;
            if (filled == partSize) {
                flushPart();
            }
        }
    }

    private void flushPart() {
        while (inFlight.size() >= MAX_PARTS_IN_FLIGHT) {
            done.add(S3ObjectStore.await(inFlight.removeFirst(), "store a part of " + key));
        }
        int partNumber = nextPart++;
        byte[] part = filled == partSize ? buffer : java.util.Arrays.copyOf(buffer, filled);
        inFlight.addLast(client.uploadPart(
                        UploadPartRequest.builder()
                                .bucket(bucket)
                                .key(key)
                                .uploadId(uploadId)
                                .partNumber(partNumber)
                                .contentLength((long) part.length)
                                .build(),
                        AsyncRequestBody.fromBytesUnsafe(part))
                .thenApply(response -> CompletedPart.builder()
                        .partNumber(partNumber)
                        .eTag(response.eTag())
                        .build()));
        sent.increment(part.length);
        buffer = new byte[partSize];
        filled = 0;
    }

    @Override
    public StoredObject complete() {
        if (ended) {
            throw new IllegalStateException("object " + key + " is already completed or aborted");
        }
        S3ObjectStore.requireAnnouncedLength(this, key, length);
        if (filled > 0 || nextPart == 1) {
            flushPart(); // the last part may be smaller than the minimum; an empty object is one empty part
        }
        while (!inFlight.isEmpty()) {
            done.add(S3ObjectStore.await(inFlight.removeFirst(), "store a part of " + key));
        }
        S3ObjectStore.await(
                client.completeMultipartUpload(CompleteMultipartUploadRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .uploadId(uploadId)
                        .multipartUpload(
                                CompletedMultipartUpload.builder().parts(done).build())
                        .build()),
                "complete " + key);
        ended = true;
        buffer = null;
        return new StoredObject(key, size);
    }

    @Override
    public void abort() {
        if (ended) {
            return;
        }
        ended = true;
        buffer = null;
        inFlight.forEach(part -> part.cancel(true));
        try {
            S3ObjectStore.await(
                    client.abortMultipartUpload(AbortMultipartUploadRequest.builder()
                            .bucket(bucket)
                            .key(key)
                            .uploadId(uploadId)
                            .build()),
                    "abort " + key);
        } catch (RuntimeException e) {
            // Recovery at start-up aborts what is left; the key itself never became visible.
            log.warn(
                    "Could not abort the upload of {} now; it will be aborted at the next start: {}",
                    key,
                    e.getMessage());
        }
    }

    @Override
    public long size() {
        return size;
    }
}
