package io.strata.schema.format.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * Passes text through and remembers whether it ever held U+FFFD, the character the decoder puts in place of bytes
 * that are not valid in the file's encoding, and whether it ever held a lone carriage return (a CR not followed by
 * LF: old Mac line endings, which Druid's line reader, splitting on LF only, does not take for a line end). Rows are
 * read after the text they come from, so while this says no, no row read so far holds one and none needs to be
 * searched.
 */
final class ReplacementWatchingReader extends Reader {
    private final Reader in;
    private boolean seen;
    private boolean loneCr;
    private boolean afterCr; // the last character read was a CR

    ReplacementWatchingReader(Reader in) {
        this.in = in;
    }

    /** Whether any text read so far held U+FFFD. */
    boolean seen() {
        return seen;
    }

    /** Whether any text read so far held a CR not followed by LF. */
    boolean loneCr() {
        return loneCr;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n < 0) {
            loneCr |= afterCr; // the file's last character is a CR
            afterCr = false;
            return n;
        }
        int end = off + n;
        if (!seen) {
            for (int i = off; i < end; i++) {
                if (buf[i] == '\uFFFD') {
                    seen = true;
                    break;
                }
            }
        }
        if (!loneCr && n > 0) {
            if (afterCr && buf[off] != '\n') {
                loneCr = true;
            }
            for (int i = off; i < end && !loneCr; i++) {
                if (buf[i] == '\r') {
                    if (i + 1 < end) {
                        loneCr = buf[i + 1] != '\n';
                    }
                }
            }
            afterCr = buf[end - 1] == '\r';
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
