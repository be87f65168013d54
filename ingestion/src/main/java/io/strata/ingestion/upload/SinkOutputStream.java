package io.strata.ingestion.upload;

import io.strata.ingestion.storage.ObjectSink;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * The normalized copy's destination: the object is opened in the store on the first byte, so files Druid reads
 * as they are cost no extra object.
 */
final class SinkOutputStream extends OutputStream {

    private final Supplier<ObjectSink> opener;
    private ObjectSink sink;

    SinkOutputStream(Supplier<ObjectSink> opener) {
        this.opener = opener;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (sink == null) {
            sink = opener.get();
        }
        sink.write(bytes, offset, length);
    }

    /** The sink, or null when nothing was written. */
    ObjectSink sink() {
        return sink;
    }
}
