package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.ingestion.IngestionSettings;
import io.strata.ingestion.storage.ObjectSink;
import io.strata.ingestion.storage.ObjectStore;
import io.strata.ingestion.storage.StoredObject;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Strata's object store port on the real S3 (S3Proxy): an object of announced length goes as one streaming PUT, of
 * unknown length as a multipart upload, and either way nothing is visible before {@link ObjectSink#complete()}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObjectStoreIT {

    static final Duration QUICK = Duration.ofSeconds(30);

    @Autowired
    ObjectStore store;

    @Autowired
    S3AsyncClient s3;

    @Autowired
    IngestionSettings settings;

    @Autowired
    io.strata.ingestion.storage.S3Settings s3Settings;

    @Test
    void anObjectOfAnnouncedLengthIsStoredWithItsExactBytesAndOnlyWhenCompleted() {
        String prefix = prefix();
        byte[] bytes = bytes(3 * 1024 * 1024 + 12_345); // several of the sink's chunks and a partial one
        ObjectSink sink = store.open(prefix + "data.csv", "text/csv", bytes.length);
        assertThat(store.listIncomplete(prefix).collectList().block(QUICK))
                .as("an object of announced length is not a multipart upload")
                .isEmpty();

        writeInUnevenPieces(sink, bytes);
        // Not "nothing listed": S3Proxy's filesystem backend lists the temporary file of a PUT in progress (S3 does
        // not); what Druid and users see is the key, and the key is not there.
        assertThat(exists(prefix + "data.csv")).as("readable before complete()").isFalse();

        StoredObject stored = sink.complete();

        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(store.list(prefix).collectList().block(QUICK)).containsExactly(prefix + "data.csv");
        assertThat(read(prefix + "data.csv")).isEqualTo(bytes);
    }

    @Test
    void anObjectAbortedAfterItsLastByteWasWrittenNeverAppears() {
        // What an upload does when its file fails validation on its last row: every byte was written, then abort().
        String prefix = prefix();
        byte[] bytes = bytes(2 * 1024 * 1024); // exactly two chunks: the second, holding the last byte, waits
        ObjectSink sink = store.open(prefix + "data.csv", "text/csv", bytes.length);
        writeInUnevenPieces(sink, bytes);

        sink.abort();

        assertThat(exists(prefix + "data.csv")).isFalse();
        StoredObjects.assertNothingUnder(store, prefix);
    }

    @Test
    void anObjectShorterThanAnnouncedIsRefusedOnCompleteAndNeverAppears() {
        String prefix = prefix();
        byte[] bytes = bytes(100_000);
        ObjectSink sink = store.open(prefix + "data.csv", "text/csv", bytes.length + 1);
        sink.write(bytes, 0, bytes.length);

        assertThatThrownBy(sink::complete)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("announced with 100001 bytes but 100000 were written");
        StoredObjects.assertNothingUnder(store, prefix);
    }

    @Test
    void anObjectWrittenBeyondItsAnnouncedLengthIsRefused() {
        String prefix = prefix();
        ObjectSink sink = store.open(prefix + "data.csv", "text/csv", 10);
        sink.write(new byte[8], 0, 8);

        assertThatThrownBy(() -> sink.write(new byte[8], 0, 8))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("announced with 10 bytes");
        sink.abort();
        StoredObjects.assertNothingUnder(store, prefix);
    }

    @Test
    void anObjectOfUnknownOrLargeLengthIsAMultipartUploadWithItsExactBytes() {
        String prefix = prefix();
        long tooLargeForOnePut = settings.singlePutMaxSize().toBytes() + 1;
        ObjectSink large = store.open(prefix + "large.csv", "text/csv", tooLargeForOnePut);
        ObjectSink unknown = store.open(prefix + "unknown.csv", "text/csv");
        assertThat(store.listIncomplete(prefix).collectList().block(QUICK))
                .containsExactlyInAnyOrder(prefix + "large.csv", prefix + "unknown.csv");
        large.abort();

        byte[] bytes = bytes((int) settings.partSize().toBytes() + 54_321); // two parts, the last one short
        writeInUnevenPieces(unknown, bytes);
        unknown.complete();

        assertThat(store.list(prefix).collectList().block(QUICK)).containsExactly(prefix + "unknown.csv");
        assertThat(read(prefix + "unknown.csv")).isEqualTo(bytes);
        assertThat(store.listIncomplete(prefix).collectList().block(QUICK)).isEmpty();
    }

    private static String prefix() {
        return "tests/object-store/" + UUID.randomUUID() + "/";
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** Writes as the upload pipeline does, in pieces of varying size that straddle the sink's chunks. */
    private static void writeInUnevenPieces(ObjectSink sink, byte[] bytes) {
        Random sizes = new Random(7);
        int offset = 0;
        while (offset < bytes.length) {
            int n = Math.min(bytes.length - offset, 1 + sizes.nextInt(200_000));
            sink.write(bytes, offset, n);
            offset += n;
        }
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(s3Settings.bucket()).key(key)).join();
            return true;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof NoSuchKeyException
                    || e.getCause() instanceof software.amazon.awssdk.services.s3.model.S3Exception s3e
                            && s3e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private byte[] read(String key) {
        return s3.getObject(b -> b.bucket(s3Settings.bucket()).key(key), AsyncResponseTransformer.toBytes())
                .join()
                .asByteArray();
    }
}
