package io.strata.ingestion.storage;

import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.async.BlockingOutputStreamAsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.utils.CancellableOutputStream;

/**
 * Writes an object whose length is known before its first byte as one PUT, its body streaming to the store as it is
 * written. A store makes such an object visible only once it has all the bytes the request announced, so the sink
 * holds back the last chunk until {@link #complete()}: an upload that fails validation on its last row, or is
 * aborted for any other reason after every byte was written, is cut off short of its length and never appears.
 *
 * <p>Against a multipart upload this saves the store's work of joining the parts when the object completes (on the
 * local stack's S3Proxy, a second write of the whole object) and the wait for the last parts; it cannot retry a
 * failed request, since the bytes are not kept, so only objects up to {@code strata.ingestion.single-put-max-size}
 * go this way.
 */
final class S3StreamingPutSink implements ObjectSink {

    /** Bytes handed to the HTTP client per write: large enough that a hand-over costs nothing per byte. */
    private static final int CHUNK = 1 << 20;
    /**
     * A partial chunk goes out once it is this old: a store drops a request whose body pauses too long (S3 after
     * about 20 s), so a slow client's bytes must not wait for a whole chunk.
     */
    private static final long MAX_HOLD_NANOS = Duration.ofSeconds(1).toNanos();

    private final String key;
    private final Counter sent;
    private final long length;
    private final CancellableOutputStream body;
    private final CompletableFuture<PutObjectResponse> put;
    private byte[] chunk;
    private int filled;
    private long size;
    private long sentAt = System.nanoTime();
    private boolean ended;

    S3StreamingPutSink(S3AsyncClient client, String bucket, String key, String contentType, long length, Counter sent) {
        this.key = key;
        this.sent = sent;
        this.length = length;
        this.chunk = new byte[(int) Math.min(CHUNK, Math.max(length, 1))];
        BlockingOutputStreamAsyncRequestBody requestBody = BlockingOutputStreamAsyncRequestBody.builder()
                .contentLength(length)
                .subscribeTimeout(Duration.ofSeconds(S3ObjectStore.CALL_TIMEOUT_SECONDS))
                .build();
        this.put = client.putObject(
                PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .contentType(contentType)
                        .contentLength(length)
                        .build(),
                requestBody);
        try {
            this.body = requestBody.outputStream(); // waits until the client sends the request and asks for its body
        } catch (RuntimeException e) {
            put.cancel(true);
            throw S3ObjectStore.unavailable("start storing " + key, e);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
        if (ended) {
            throw new IllegalStateException("object " + key + " is already completed or aborted");
        }
        if (size + count > length) {
            throw new IllegalStateException(
                    "object " + key + " was announced with " + length + " bytes and is being written more");
        }
        while (count > 0) {
            int n = Math.min(count, chunk.length - filled);
            System.arraycopy(bytes, offset, chunk, filled, n);
            filled += n;
            offset += n;
            count -= n;
            size += n;
            // A full or old chunk goes out unless it holds the object's last byte, which waits for complete().
            if (size < length && (filled == chunk.length || System.nanoTime() - sentAt > MAX_HOLD_NANOS)) {
                send();
            }
        }
    }

    private void send() {
        if (put.isDone()) {
            throw failure(null); // the store refused or dropped the request before its body was sent
        }
        try {
            body.write(chunk, 0, filled);
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        }
        sent.increment(filled);
        filled = 0;
        sentAt = System.nanoTime();
    }

    @Override
    public StoredObject complete() {
        if (ended) {
            throw new IllegalStateException("object " + key + " is already completed or aborted");
        }
        S3ObjectStore.requireAnnouncedLength(this, key, length);
        if (filled > 0) {
            send();
        }
        try {
            body.close(); // the last byte: from here the store may create the object
        } catch (IOException e) {
            throw failure(e);
        }
        ended = true;
        chunk = null;
        S3ObjectStore.await(put, "store " + key);
        return new StoredObject(key, size);
    }

    @Override
    public void abort() {
        if (ended) {
            return;
        }
        ended = true;
        chunk = null;
        body.cancel();
        // The request fails short of its length; wait for it so the connection is gone before the caller moves on.
        try {
            S3ObjectStore.await(put, "cut off " + key);
        } catch (RuntimeException expected) {
            // the cut-off request's own failure
        }
    }

    @Override
    public long size() {
        return size;
    }

    /** Ends the request and tells why it failed: the store's answer when it gave one, else what the write saw. */
    private RuntimeException failure(Exception writing) {
        abort();
        Throwable cause = writing;
        try {
            put.getNow(null);
        } catch (CompletionException | CancellationException e) {
            cause = e.getCause() != null ? e.getCause() : e;
        }
        return S3ObjectStore.unavailable(
                "store " + key, cause != null ? cause : new IllegalStateException("the request ended early"));
    }
}
