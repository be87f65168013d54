package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingestion.storage.ObjectSink;
import io.strata.ingestion.storage.ObjectStore;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;

/** What a test can see in the object store, through Strata's own port on the real S3 (S3Proxy). */
final class StoredObjects {

    private static final Duration QUICK = Duration.ofSeconds(30);

    private StoredObjects() {}

    /**
     * Asserts that nothing is left under {@code prefix}: no complete object and no multipart upload left open. First
     * proves that the store does list an upload left open (a probe under another prefix, aborted right after), so an
     * empty listing means the uploads were really aborted, not that the store cannot list them.
     */
    static void assertNothingUnder(ObjectStore store, String prefix) {
        String probePrefix = "probes/" + UUID.randomUUID() + "/";
        ObjectSink probe = store.open(probePrefix + "open.csv", "text/csv");
        try {
            probe.write(new byte[] {'a', '\n'}, 0, 2);
            assertThat(store.listIncomplete(probePrefix).collectList().block(QUICK))
                    .as("the store lists an upload left open")
                    .containsExactly(probePrefix + "open.csv");
        } finally {
            probe.abort();
        }
        assertThat(store.listIncomplete(probePrefix).collectList().block(QUICK))
                .as("the probe, aborted")
                .isEmpty();
        // A PUT cut off short of its length leaves nothing under its key, but S3Proxy's filesystem backend lists the
        // PUT's temporary file until it sees the request end, a moment after the client gave up on it.
        Awaitility.await("no objects under " + prefix).atMost(QUICK).untilAsserted(() -> assertThat(
                        store.list(prefix).collectList().block(QUICK))
                .as("objects under %s", prefix)
                .isEmpty());
        assertThat(store.listIncomplete(prefix).collectList().block(QUICK))
                .as("multipart uploads left open under %s", prefix)
                .isEmpty();
    }
}
