package io.strata.schema;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes the normalized copy: JSON Lines, one object per row keyed by druidName, nulls and invalid values left
 * out, timestamps as ISO-8601 UTC, multi-value columns as arrays. Not thread-safe.
 */
final class NormalizedWriter implements AutoCloseable {
    private static final JsonFactory JSON =
            JsonFactory.builder().rootValueSeparator("\n").build();

    private final JsonGenerator out;

    NormalizedWriter(OutputStream sink) {
        this.out = JSON.createGenerator(ObjectWriteContext.empty(), sink);
    }

    void startRow() {
        out.writeStartObject();
    }

    void field(String name, Object value) {
        out.writeName(name);
        if (value instanceof Long l) {
            out.writeNumber(l);
        } else if (value instanceof Double d) {
            if (d.isInfinite()) {
                out.writeString(d.toString());
            } else {
                out.writeNumber(d);
            }
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Instant i) {
            out.writeString(i.toString());
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object o : list) {
                out.writeString(String.valueOf(o));
            }
            out.writeEndArray();
        } else {
            out.writeString(String.valueOf(value));
        }
    }

    void endRow() {
        out.writeEndObject();
    }

    @Override
    public void close() {
        out.writeRaw('\n');
        out.flush();
        // the caller owns the sink: flushed, not closed
    }
}
