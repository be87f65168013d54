package io.strata.ingestion.upload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.strata.ingestion.StrataException;
import io.strata.schema.ValidationReport;

/**
 * Uploads as Prometheus sees them: {@code strata.uploads{outcome}} (stored, duplicate, rejected: the file failed
 * validation, failed: anything else), {@code strata.upload.bytes} of stored files, and
 * {@code strata.upload.rows{result=valid|bad}} of every validated file, bad rows being validation problems. Meters are
 * registered once; recording is a counter increment, never blocking.
 */
final class UploadMetrics {

    private final Counter stored;
    private final Counter duplicate;
    private final Counter rejected;
    private final Counter failed;
    private final DistributionSummary bytes;
    private final Counter validRows;
    private final Counter badRows;

    UploadMetrics(MeterRegistry registry) {
        stored = outcome(registry, "stored");
        duplicate = outcome(registry, "duplicate");
        rejected = outcome(registry, "rejected");
        failed = outcome(registry, "failed");
        bytes = DistributionSummary.builder("strata.upload.bytes")
                .description("Size of stored uploads")
                .baseUnit("bytes")
                .register(registry);
        validRows = rows(registry, "valid");
        badRows = rows(registry, "bad");
    }

    void validated(ValidationReport report) {
        validRows.increment(Math.max(0, report.rows() - report.badRows()));
        badRows.increment(report.badRows());
    }

    void stored(long size) {
        stored.increment();
        bytes.record(size);
    }

    void duplicate() {
        duplicate.increment();
    }

    void failed(Throwable cause) {
        (cause instanceof StrataException.Unprocessable || cause instanceof StrataException.UnsupportedMedia
                        ? rejected
                        : failed)
                .increment();
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("strata.uploads")
                .description("Uploads by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Counter rows(MeterRegistry registry, String result) {
        return Counter.builder("strata.upload.rows")
                .description("Rows of validated uploads; bad rows are the validation problems found")
                .tag("result", result)
                .register(registry);
    }
}
