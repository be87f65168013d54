package io.strata.ingestion.upload;

import io.strata.ingestion.IngestionSettings;
import io.strata.ingestion.storage.ObjectSink;
import io.strata.ingestion.storage.ObjectStore;
import io.strata.schema.DetectionOptions;
import io.strata.schema.SchemaDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends generated files ({@code strata.ingestion.warmup} bytes of them, CSV and JSON Lines with the usual kinds of
 * columns) once the node is ready through the very code an upload runs: the request body's buffers read as a
 * stream, decoding, validation, profiling, hashing, and the object store's streaming write. The JVM compiles a
 * method only after it has run it many times, and opens the store's connections on first use, so without this
 * the first file a user sends after a start is stored and validated mostly by the interpreter (a 47 MB file at
 * 20–25 MB/s instead of 100+). Each file is stored under {@value #PREFIX} and deleted at once (leftovers of a
 * node that died mid-way are deleted by the next warm-up); when the store does not answer, the files are only
 * validated. Runs once, on an upload worker thread, and records nothing in the metadata.
 */
@Component
class UploadWarmup {

    static final String PREFIX = "warmup/";

    private static final Logger log = LoggerFactory.getLogger(UploadWarmup.class);
    private static final int FILE_BYTES = 8 << 20;
    /** What a client's request body arrives as: buffers of this size, read through the pipeline's stream. */
    private static final int BODY_BUFFER = 64 * 1024;

    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final long bytes;
    private final UploadScheduler uploads;
    private final ObjectStore store;

    UploadWarmup(IngestionSettings settings, UploadScheduler uploads, ObjectStore store) {
        this.bytes = settings.warmup().toBytes();
        this.uploads = uploads;
        this.store = store;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (bytes <= 0) {
            return;
        }
        Mono.fromCallable(this::run)
                .subscribeOn(uploads.scheduler())
                .subscribe(null, e -> log.warn("The upload warm-up stopped early: {}", e.toString()));
    }

    /** Answers the bytes sent through the object store (0 when it did not answer). */
    long run() {
        long began = System.nanoTime();
        long done = 0;
        long stored = 0;
        boolean storing = deleteLeftovers();
        int round = 0;
        while (done < bytes) {
            boolean jsonLines = round++ % 4 == 3;
            byte[] file = generate(round, jsonLines);
            String name = jsonLines ? "warmup.jsonl" : "warmup.csv";
            if (storing) {
                try {
                    store(file, name);
                    stored += file.length;
                } catch (RuntimeException e) {
                    storing = storeUnavailable(e);
                }
            } else {
                validate(file, name, null);
            }
            done += file.length;
        }
        log.info(
                "Sent {} MB of generated files through validation ({} MB also through the object store) in {} ms, so "
                        + "that uploads run compiled code from the first one",
                done >> 20,
                stored >> 20,
                (System.nanoTime() - began) / 1_000_000);
        return stored;
    }

    private boolean deleteLeftovers() {
        try {
            // The bucket may not exist yet on a new store: its creation at start runs beside this.
            store.ensureBucket()
                    .thenMany(store.list(PREFIX))
                    .concatMap(store::delete)
                    .then()
                    .block(STORE_TIMEOUT);
            return true;
        } catch (RuntimeException e) {
            return storeUnavailable(e);
        }
    }

    /** Answers false: the warm-up goes on validating only. */
    private static boolean storeUnavailable(RuntimeException e) {
        log.warn("The upload warm-up could not use the object store ({}); it validates only", e.getMessage());
        return false;
    }

    private void store(byte[] file, String name) {
        String key = PREFIX + UUID.randomUUID() + "/" + name;
        ObjectSink sink = store.open(key, "application/octet-stream", file.length);
        try {
            validate(file, name, sink);
            sink.complete();
        } catch (RuntimeException e) {
            sink.abort();
            throw e;
        } finally {
            store.delete(key).block(STORE_TIMEOUT);
        }
    }

    private static void validate(byte[] file, String name, ObjectSink sink) {
        Flux<DataBuffer> body = Flux.range(0, (file.length + BODY_BUFFER - 1) / BODY_BUFFER)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
                        ByteBuffer.wrap(file, i * BODY_BUFFER, Math.min(BODY_BUFFER, file.length - i * BODY_BUFFER))));
        try (InputStream in = UploadPipeline.bodyStream(body)) {
            CheckedInput checked = new CheckedInput(in, sink, Long.MAX_VALUE, name);
            SchemaDetector.create(DetectionOptions.defaults()).detect(checked, name, OutputStream.nullOutputStream());
            checked.drain();
            checked.sha256();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of about {@link #FILE_BYTES}: a timestamp, two text columns, an integer and a decimal per row. */
    static byte[] generate(long seed, boolean jsonLines) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder(FILE_BYTES + 256);
        if (!jsonLines) {
            text.append("timestamp,region,product,units,amount\n");
        }
        long at = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
        while (text.length() < FILE_BYTES) {
            at += random.nextInt(60);
            String time = Instant.ofEpochSecond(at).toString();
            String region = "region-" + random.nextInt(40);
            String product = "P" + random.nextInt(5_000);
            int units = 1 + random.nextInt(50);
            int cents = random.nextInt(100);
            String amount = random.nextInt(2_000) + (cents < 10 ? ".0" : ".") + cents;
            if (jsonLines) {
                text.append("{\"timestamp\":\"")
                        .append(time)
                        .append("\",\"region\":\"")
                        .append(region)
                        .append("\",\"product\":\"")
                        .append(product)
                        .append("\",\"units\":")
                        .append(units)
                        .append(",\"amount\":")
                        .append(amount)
                        .append("}\n");
            } else {
                text.append(time)
                        .append(',')
                        .append(region)
                        .append(',')
                        .append(product)
                        .append(',')
                        .append(units)
                        .append(',')
                        .append(amount)
                        .append('\n');
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
