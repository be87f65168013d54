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
    ObjectSink open(String key, String contentType);

    /** Keys of the complete objects under {@code prefix}. */
    Flux<String> list(String prefix);

    /** Keys of objects under {@code prefix} whose upload was started and neither completed nor aborted. */
    Flux<String> listIncomplete(String prefix);

    /** Aborts every incomplete upload under {@code prefix} (an upload cut off when its node died). */
    Mono<Void> abortIncomplete(String prefix);

    /** The URI Druid's input source reads {@code key} from, e.g. {@code s3://bucket/key}. */
    String druidUri(String key);
}
