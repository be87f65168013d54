package io.strata.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link SchemaDetector#detect} found in one file.
 *
 * @param file the file name as given
 * @param schema the detected schema
 * @param report the validation of every row
 * @param sample the first rows (bounded by {@link DetectionOptions#sampleSize()}), keyed by druidName, with typed
 *     values: {@code Long}, {@code Double}, {@code Boolean}, {@code java.time.Instant}, {@code String}, or
 *     {@code List<String>} for multi-value columns; null values are absent from the maps
 * @param normalizedFormat null when Druid can read the original file as-is; otherwise the format of the normalized
 *     copy (JSONL, one object per row keyed by druidName, timestamps as ISO-8601 UTC so their format there is
 *     {@code iso}). Set even when no sink was given, to say that one is needed.
 * @param normalizedWritten true when the normalized copy was written to the sink given to {@link
 *     SchemaDetector#detect(java.io.InputStream, String, java.io.OutputStream)}; false when none is needed or no
 *     sink was given
 */
public record DetectionResult(
        String file,
        DatasetSchema schema,
        ValidationReport report,
        List<Map<String, Object>> sample,
        FileFormat normalizedFormat,
        boolean normalizedWritten) {
    public DetectionResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(report, "report");
        sample = List.copyOf(sample);
        if (normalizedWritten && normalizedFormat == null) {
            throw new IllegalArgumentException("normalizedWritten needs a normalizedFormat");
        }
    }

    /** A result that says nothing was written (for callers that build results themselves, e.g. tests). */
    public DetectionResult(
            String file,
            DatasetSchema schema,
            ValidationReport report,
            List<Map<String, Object>> sample,
            FileFormat normalizedFormat) {
        this(file, schema, report, sample, normalizedFormat, false);
    }
}
