package io.strata.ingestion.storage;

/**
 * An object being written. Blocking; used from one thread. Exactly one of {@link #complete()} or {@link #abort()}
 * ends it; {@link #abort()} after {@link #complete()} does nothing.
 */
public interface ObjectSink {

    void write(byte[] bytes, int offset, int length);

    /** Makes the object visible under its key. */
    StoredObject complete();

    /** Discards everything written; the key stays absent. Never throws. */
    void abort();

    /** Bytes written so far. */
    long size();
}
