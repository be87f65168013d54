package io.strata.ingestion.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingestion.IngestionSettings;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.storage.ObjectSink;
import io.strata.ingestion.storage.ObjectStore;
import io.strata.ingestion.storage.StoredObject;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The warm-up against an object store of our own port kept in memory: every generated file goes through a sink of
 * its exact announced length and is deleted at once, what a dead node left is deleted first, and a store that does
 * not answer leaves the warm-up validating only. (The real store meets the warm-up in every integration test's
 * server start.)
 */
class UploadWarmupTest {

    private static final String LEFTOVER = UploadWarmup.PREFIX + "0dead/warmup.csv";

    @Test
    void storesEachGeneratedFileWithItsAnnouncedLengthAndDeletesIt() {
        MemoryStore store = new MemoryStore(false);
        store.objects.put(LEFTOVER, new byte[] {1});
        store.objects.put("uploads/sales/1/sales.csv", new byte[] {2});

        long stored = warmup(store, 33).run();

        assertThat(stored).isGreaterThanOrEqualTo(33L << 20);
        assertThat(store.opened).hasSizeGreaterThanOrEqualTo(4).allSatisfy(open -> {
            assertThat(open.key()).startsWith(UploadWarmup.PREFIX);
            assertThat(open.length())
                    .as("a known length: the streaming PUT a raw body takes")
                    .isPositive();
            assertThat(store.completed).containsEntry(open.key(), open.length());
        });
        assertThat(store.opened).anySatisfy(open -> assertThat(open.key()).endsWith(".jsonl"));
        assertThat(store.objects)
                .as("nothing of the warm-up stays, a dead node's leftover is gone, users' files are untouched")
                .containsOnlyKeys("uploads/sales/1/sales.csv");
    }

    @Test
    void validatesOnlyWhenTheStoreDoesNotAnswer() {
        MemoryStore store = new MemoryStore(true);

        long stored = warmup(store, 9).run();

        assertThat(stored).isZero();
        assertThat(store.opened).isEmpty();
    }

    @Test
    void generatedFilesAreValidWithTheColumnsUsersSend() {
        String csv = new String(UploadWarmup.generate(1, false), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).startsWith("timestamp,region,product,units,amount\n");
        assertThat(csv.length()).isGreaterThan(8 << 20);
        String json = new String(UploadWarmup.generate(2, true), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"timestamp\":\"2025-01-01T");
    }

    private static UploadWarmup warmup(ObjectStore store, long megabytes) {
        IngestionSettings settings = new IngestionSettings(
                null, null, null, 1, null, null, null, null, null, null, DataSize.ofMegabytes(megabytes));
        return new UploadWarmup(settings, new UploadScheduler(settings), store);
    }

    private record Open(String key, long length) {}

    /** Our object store port in memory: a sink holds its bytes until complete(). */
    private static final class MemoryStore implements ObjectStore {
        final Map<String, byte[]> objects = new TreeMap<>();
        final Map<String, Long> completed = new TreeMap<>();
        final List<Open> opened = new ArrayList<>();
        private final boolean down;

        MemoryStore(boolean down) {
            this.down = down;
        }

        private <T> Mono<T> unavailable() {
            return Mono.error(new StrataException.UpstreamUnavailable("object store failed: connection refused", null));
        }

        @Override
        public Mono<Void> ensureBucket() {
            return down ? unavailable() : Mono.empty();
        }

        @Override
        public synchronized ObjectSink open(String key, String contentType, long length) {
            opened.add(new Open(key, length));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            return new ObjectSink() {
                @Override
                public void write(byte[] buffer, int offset, int count) {
                    bytes.write(buffer, offset, count);
                }

                @Override
                public StoredObject complete() {
                    synchronized (MemoryStore.this) {
                        objects.put(key, bytes.toByteArray());
                        completed.put(key, (long) bytes.size());
                    }
                    return new StoredObject(key, bytes.size());
                }

                @Override
                public void abort() {}

                @Override
                public long size() {
                    return bytes.size();
                }
            };
        }

        @Override
        public synchronized Flux<String> list(String prefix) {
            if (down) {
                return unavailable().flux().cast(String.class);
            }
            return Flux.fromIterable(
                    objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList());
        }

        @Override
        public Flux<String> listIncomplete(String prefix) {
            return Flux.empty();
        }

        @Override
        public Mono<Void> abortIncomplete(String prefix) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> delete(String key) {
            return Mono.fromRunnable(() -> {
                synchronized (this) {
                    objects.remove(key);
                }
            });
        }

        @Override
        public String druidUri(String key) {
            return "s3://memory/" + key;
        }
    }
}
