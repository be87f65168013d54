package io.strata.schema.format.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * Passes text through and remembers whether it ever held U+FFFD, the character the decoder puts in place of bytes
 * that are not valid in the file's encoding. Rows are read after the text they come from, so while this says no,
 * no row read so far holds one and none needs to be searched.
 */
final class ReplacementWatchingReader extends Reader {
    private final Reader in;
    private boolean seen;

    ReplacementWatchingReader(Reader in) {
        this.in = in;
    }

    /** Whether any text read so far held U+FFFD. */
    boolean seen() {
        return seen;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (!seen) {
            for (int i = off, end = off + Math.max(n, 0); i < end; i++) {
                if (buf[i] == '\uFFFD') {
                    seen = true;
                    break;
                }
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
