package io.strata.ingestion.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.strata.ingestion.StrataException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link ObjectStore} on S3 (or any S3-compatible server) through the AWS SDK's asynchronous client. */
final class S3ObjectStore implements ObjectStore {

    static final long CALL_TIMEOUT_SECONDS = 120;

    private final S3AsyncClient client;
    private final String bucket;
    private final int partSize;
    private final long singlePutMaxSize;
    private final Counter sentByPut;
    private final Counter sentByMultipart;

    S3ObjectStore(S3AsyncClient client, String bucket, int partSize, long singlePutMaxSize, MeterRegistry registry) {
        this.client = client;
        this.bucket = bucket;
        this.partSize = partSize;
        this.singlePutMaxSize = singlePutMaxSize;
        this.sentByPut = sent(registry, "put");
        this.sentByMultipart = sent(registry, "multipart");
    }

    /** Bytes handed to the S3 client for storing, by the kind of request that carries them. */
    private static Counter sent(MeterRegistry registry, String request) {
        return Counter.builder("strata.uploads.sent")
                .description("Bytes of uploaded files handed to the object store")
                .baseUnit("bytes")
                .tag("request", request)
                .register(registry);
    }

    @Override
    public Mono<Void> ensureBucket() {
        return Mono.fromFuture(() -> client.headBucket(
                        HeadBucketRequest.builder().bucket(bucket).build()))
                .then()
                .onErrorResume(NoSuchBucketException.class, missing -> create())
                .onErrorResume(e -> e instanceof S3Exception s3 && s3.statusCode() == 404, missing -> create())
                .onErrorMap(e -> !(e instanceof StrataException), e -> unavailable("check bucket " + bucket, e));
    }

    private Mono<Void> create() {
        return Mono.fromFuture(() -> client.createBucket(
                        CreateBucketRequest.builder().bucket(bucket).build()))
                .then()
                .onErrorResume(BucketAlreadyOwnedByYouException.class, e -> Mono.empty());
    }

    @Override
    public ObjectSink open(String key, String contentType, long length) {
        contentType = contentType != null ? contentType : "application/octet-stream";
        // An empty object has no last byte to hold back until it passed validation, so it goes as a multipart upload.
        if (length > 0 && length <= singlePutMaxSize) {
            return new S3StreamingPutSink(client, bucket, key, contentType, length, sentByPut);
        }
        String uploadId = await(
                        client.createMultipartUpload(CreateMultipartUploadRequest.builder()
                                .bucket(bucket)
                                .key(key)
                                .contentType(contentType)
                                .build()),
                        "start storing " + key)
                .uploadId();
        return new S3MultipartSink(client, bucket, key, uploadId, partSize, length, sentByMultipart);
    }

    @Override
    public Flux<String> list(String prefix) {
        return Flux.from(client.listObjectsV2Paginator(ListObjectsV2Request.builder()
                                .bucket(bucket)
                                .prefix(prefix)
                                .build())
                        .contents())
                .map(S3Object::key)
                .onErrorMap(e -> unavailable("list " + prefix, e));
    }

    @Override
    public Flux<String> listIncomplete(String prefix) {
        return incomplete(prefix).map(MultipartUpload::key);
    }

    @Override
    public Mono<Void> abortIncomplete(String prefix) {
        return incomplete(prefix)
                .concatMap(upload ->
                        Mono.fromFuture(() -> client.abortMultipartUpload(AbortMultipartUploadRequest.builder()
                                .bucket(bucket)
                                .key(upload.key())
                                .uploadId(upload.uploadId())
                                .build())))
                .then();
    }

    private Flux<MultipartUpload> incomplete(String prefix) {
        return Mono.fromFuture(() -> client.listMultipartUploads(ListMultipartUploadsRequest.builder()
                        .bucket(bucket)
                        .prefix(prefix)
                        .build()))
                .flatMapIterable(response -> response.uploads())
                .onErrorMap(e -> unavailable("list incomplete uploads under " + prefix, e));
    }

    @Override
    public Mono<Void> delete(String key) {
        return Mono.fromFuture(() -> client.deleteObject(
                        DeleteObjectRequest.builder().bucket(bucket).key(key).build()))
                .then()
                .onErrorMap(e -> unavailable("delete " + key, e));
    }

    @Override
    public String druidUri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    /** Waits for an SDK call from the upload worker thread (never an event loop), translating its failure. */
    static <T> T await(CompletableFuture<T> call, String what) {
        try {
            return call.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw unavailable(what + " (interrupted)", e);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new StrataException.UpstreamTimeout(
                    "object store did not answer within " + CALL_TIMEOUT_SECONDS + " s to " + what, e);
        } catch (ExecutionException e) {
            throw unavailable(what, e.getCause());
        }
    }

    /**
     * Aborts {@code sink} and throws when it was announced with {@code length} bytes (not negative) and holds another
     * number: the store must not keep an object that is not what was announced.
     */
    static void requireAnnouncedLength(ObjectSink sink, String key, long length) {
        if (length >= 0 && sink.size() != length) {
            sink.abort();
            throw new IllegalStateException(
                    "object " + key + " was announced with " + length + " bytes but " + sink.size() + " were written");
        }
    }

    static StrataException unavailable(String what, Throwable cause) {
        Throwable reason = cause;
        while ((reason instanceof CompletionException || reason instanceof ExecutionException)
                && reason.getCause() != null) {
            reason = reason.getCause();
        }
        // The SDK's own message, never a wrapper's (whose message is the class name of what it wraps).
        return new StrataException.UpstreamUnavailable(
                "object store failed to " + what + ": " + reason.getMessage(), cause);
    }
}
