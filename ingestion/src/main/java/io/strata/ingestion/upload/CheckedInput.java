package io.strata.ingestion.upload;

import io.strata.ingestion.StrataException;
import io.strata.ingestion.storage.ObjectSink;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The upload's bytes on their way to the validator: every byte read is also hashed (SHA-256) and written to the
 * object store, so what is stored is exactly what was validated, and the size limit is enforced as bytes arrive.
 */
final class CheckedInput extends FilterInputStream {

    private final ObjectSink sink;
    private final MessageDigest digest;
    private final long maxBytes;
    private final String fileName;
    private long count;

    /** Bytes checked against the size limit and hashed, stored nowhere (a preview). */
    CheckedInput(InputStream in, long maxBytes, String fileName) {
        this(in, null, maxBytes, fileName);
    }

    /** Bytes checked, hashed and written to {@code sink}. */
    CheckedInput(InputStream in, ObjectSink sink, long maxBytes, String fileName) {
        super(in);
        this.sink = sink;
        this.maxBytes = maxBytes;
        this.fileName = fileName;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            accept(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            accept(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be hashed and stored.
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // The pipeline drains and closes the underlying stream itself; a parser closing early must not cut it.
    }

    private void accept(byte[] bytes, int offset, int length) {
        count += length;
        if (count > maxBytes) {
            throw new StrataException.TooLarge(fileName + " is larger than the " + maxBytes + "-byte limit "
                    + "(strata.ingestion.max-upload-size): split the file or raise the limit");
        }
        digest.update(bytes, offset, length);
        if (sink != null) {
            sink.write(bytes, offset, length);
        }
    }

    /** Reads what the validator left unread, so the whole file is hashed and stored. */
    void drain() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // read() stores and hashes
        }
    }

    long count() {
        return count;
    }

    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
