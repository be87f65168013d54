package io.strata.ingestion.upload;

import io.strata.ingestion.IngestionSettings;
import io.strata.schema.DetectionOptions;
import io.strata.schema.SchemaDetector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Validates generated files once the node is ready ({@code strata.ingestion.warmup} bytes of them, CSV and JSON Lines
 * with the usual kinds of columns), through the very code an upload runs: decoding, validation, profiling, hashing.
 * The JVM compiles a method only after it has run it many times, so without this the first file a user sends after
 * a start is validated mostly by the interpreter (a 47 MB file at 20–25 MB/s instead of 175). Runs once, on an
 * upload worker thread, and nothing it reads or writes leaves the JVM.
 */
@Component
class UploadWarmup {

    private static final Logger log = LoggerFactory.getLogger(UploadWarmup.class);
    private static final int FILE_BYTES = 8 << 20;

    private final long bytes;
    private final UploadScheduler uploads;

    UploadWarmup(IngestionSettings settings, UploadScheduler uploads) {
        this.bytes = settings.warmup().toBytes();
        this.uploads = uploads;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (bytes <= 0) {
            return;
        }
        Mono.fromRunnable(this::run)
                .subscribeOn(uploads.scheduler())
                .subscribe(null, e -> log.warn("The upload warm-up stopped early: {}", e.toString()));
    }

    void run() {
        long began = System.nanoTime();
        long done = 0;
        int round = 0;
        while (done < bytes) {
            boolean jsonLines = round++ % 4 == 3;
            byte[] file = generate(round, jsonLines);
            validate(file, jsonLines ? "warmup.jsonl" : "warmup.csv");
            done += file.length;
        }
        log.info(
                "Validated {} MB of generated files in {} ms, so that uploads run compiled code from the first one",
                done >> 20,
                (System.nanoTime() - began) / 1_000_000);
    }

    private static void validate(byte[] file, String name) {
        try (CheckedInput in = new CheckedInput(new ByteArrayInputStream(file), Long.MAX_VALUE, name)) {
            SchemaDetector.create(DetectionOptions.defaults()).detect(in, name, OutputStream.nullOutputStream());
            in.drain();
            in.sha256();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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
