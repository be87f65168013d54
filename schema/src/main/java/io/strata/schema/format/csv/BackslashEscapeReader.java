package io.strata.schema.format.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * Rewrites backslash escapes inside quoted fields ({@code \"} and {@code \\}) into RFC 4180 form ({@code ""} and
 * {@code \}), because FastCSV reads only the latter.
 */
final class BackslashEscapeReader extends Reader {
    private final Reader in;
    private final char quote;
    private boolean quoted;
    private int pending = -1;

    BackslashEscapeReader(Reader in, char quote) {
        this.in = in;
        this.quote = quote;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int c;
            if (pending >= 0) {
                c = pending;
                pending = -1;
                buf[off + n++] = (char) c;
                continue;
            }
            c = in.read();
            if (c < 0) {
                break;
            }
            if (quoted && c == '\\') {
                int next = in.read();
                if (next == quote) {
                    buf[off + n++] = quote;
                    pending = quote;
                    continue;
                }
                if (next == '\\') {
                    buf[off + n++] = '\\';
                    continue;
                }
                buf[off + n++] = '\\';
                if (next < 0) {
                    break;
                }
                c = next;
                if (c == quote) {
                    quoted = false;
                }
                pending = c;
                continue;
            }
            if (c == quote) {
                quoted = !quoted;
            }
            buf[off + n++] = (char) c;
        }
        return n == 0 && len > 0 ? -1 : n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
