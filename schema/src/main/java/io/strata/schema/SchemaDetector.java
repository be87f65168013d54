package io.strata.schema;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Detects the schema of a data file and validates every row of it, in one streaming pass with bounded memory:
 * the first {@link DetectionOptions#inferenceRows()} rows are buffered to infer types, then every row is
 * validated and profiled as it flows.
 *
 * <p>Threading: {@code detect} does blocking I/O on the caller's thread and returns when the input is exhausted;
 * never call it on an event loop (the server runs it on a dedicated worker thread reading from a pipe fed by the
 * upload). A detector holds only its options, so one instance may be shared by threads; each call has its own
 * state. The caller owns the streams: they are read (written) but not closed.
 */
public final class SchemaDetector {
    private final DetectionOptions options;

    private SchemaDetector(DetectionOptions options) {
        this.options = options;
    }

    /** A detector with these options; {@code null} means {@link DetectionOptions#defaults()}. */
    public static SchemaDetector create(DetectionOptions options) {
        return new SchemaDetector(options == null ? DetectionOptions.defaults() : options);
    }

    public DetectionOptions options() {
        return options;
    }

    /**
     * Detects and validates without writing a normalized copy ({@link DetectionResult#normalizedFormat()} still
     * says whether one would be needed).
     *
     * @param in the file's bytes; read to the end, not closed
     * @param fileName the file's name, used to pick the format (the content is sniffed when the extension is
     *     unknown) and in messages
     * @throws SchemaException when the file cannot be read at all; row-level problems are reported instead
     */
    public DetectionResult detect(InputStream in, String fileName) {
        return detect(in, fileName, null);
    }

    /**
     * Like {@link #detect(InputStream, String)}, and in the same pass writes a normalized copy to {@code
     * normalizedSink} when Druid cannot read the original (XLSX, JSON arrays, Parquet, Arrow, or text needing
     * re-encoding or number rewriting). Nothing is written when {@link DetectionResult#normalizedFormat()} is
     * null.
     *
     * @param normalizedSink where to write the normalized copy, or null; flushed, not closed
     */
    public DetectionResult detect(InputStream in, String fileName, OutputStream normalizedSink) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(fileName, "fileName");
        return new DetectionPass(options, fileName).run(in, normalizedSink);
    }
}
