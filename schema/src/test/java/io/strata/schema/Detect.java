package io.strata.schema;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test shorthand: detect a file held in memory. */
final class Detect {
    private Detect() {}

    static DetectionResult text(String fileName, String content) {
        return bytes(fileName, content.getBytes(StandardCharsets.UTF_8), DetectionOptions.defaults());
    }

    static DetectionResult text(String fileName, String content, DetectionOptions options) {
        return bytes(fileName, content.getBytes(StandardCharsets.UTF_8), options);
    }

    static DetectionResult bytes(String fileName, byte[] content, DetectionOptions options) {
        return SchemaDetector.create(options).detect(new ByteArrayInputStream(content), fileName);
    }

    /** Detects and returns the normalized copy too. */
    static Normalized normalized(String fileName, byte[] content, DetectionOptions options) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DetectionResult result =
                SchemaDetector.create(options).detect(new ByteArrayInputStream(content), fileName, sink);
        return new Normalized(result, sink.toString(StandardCharsets.UTF_8));
    }

    record Normalized(DetectionResult result, String jsonl) {}

    static ColumnSchema column(DetectionResult result, String druidName) {
        return result.schema()
                .column(druidName)
                .orElseThrow(() -> new AssertionError("no column " + druidName + " in " + result.schema()));
    }
}
