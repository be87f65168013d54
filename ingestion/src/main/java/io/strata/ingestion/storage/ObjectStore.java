package io.strata.ingestion.storage;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where uploaded files live, as Druid will read them.
 *
 * <p>{@link #open} returns a sink written with blocking calls from one worker thread (the upload pipeline's), so
 * the bytes that were validated are exactly the bytes stored; everything else is reactive.
 */
public interface ObjectStore {

    /** Creates the bucket when it does not exist. */
    Mono<Void> ensureBucket();

    /** Starts storing an object; nothing is visible under {@code key} until {@link ObjectSink#complete()}. */
    default ObjectSink open(String key, String contentType) {
        return open(key, contentType, -1);
    }

    /**
     * Starts storing an object of {@code length} bytes, or of a length not known yet when it is negative; nothing is
     * visible under {@code key} until {@link ObjectSink#complete()}, which fails unless exactly {@code length} bytes
     * were written. A known length lets the store write the object in one request.
     */
    ObjectSink open(String key, String contentType, long length);

    /** Keys of the complete objects under {@code prefix}. */
    Flux<String> list(String prefix);

    /** Keys of objects under {@code prefix} whose upload was started and neither completed nor aborted. */
    Flux<String> listIncomplete(String prefix);

    /** Aborts every incomplete upload under {@code prefix} (an upload cut off when its node died). */
    Mono<Void> abortIncomplete(String prefix);

    /** Removes the complete object under {@code key}; a key with no object is no error. */
    Mono<Void> delete(String key);

    /** The URI Druid's input source reads {@code key} from, e.g. {@code s3://bucket/key}. */
    String druidUri(String key);
}
