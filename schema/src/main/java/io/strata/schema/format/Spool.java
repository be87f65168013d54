package io.strata.schema.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bounded copy of a stream in a temporary file, for formats that need random access (the XLSX zip directory,
 * the Parquet footer, the Arrow file footer). {@link #close()} deletes the file; readers close their spool in their
 * own {@code close()}, so the file lives exactly as long as the reader. Not thread-safe.
 */
public final class Spool implements AutoCloseable {
    private final Path file;
    private final long size;

    private Spool(Path file, long size) {
        this.file = file;
        this.size = size;
    }

    /** Thrown by {@link #copy} when the stream holds more than the limit; the partial copy is already deleted. */
    public static final class TooLargeException extends RuntimeException {
        private final long limit;

        TooLargeException(long limit) {
            super("more than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    /**
     * Copies the rest of {@code in} (not closed) to a new temporary file.
     *
     * @param suffix file name suffix, e.g. {@code .xlsx}
     * @param limit most bytes copied
     * @throws TooLargeException when {@code in} holds more than {@code limit} bytes
     */
    public static Spool copy(InputStream in, String suffix, long limit) {
        Path file;
        try {
            file = Files.createTempFile("strata-spool-", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw new TooLargeException(limit);
                }
                out.write(buf, 0, n);
            }
            out.close();
            return new Spool(file, total);
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public long size() {
        return size;
    }

    @Override
    public void close() {
        delete(file);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary copy " + file, e);
        }
    }
}
