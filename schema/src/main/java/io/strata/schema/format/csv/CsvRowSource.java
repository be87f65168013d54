package io.strata.schema.format.csv;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.strata.schema.format.RowSource;
import io.strata.schema.format.SourceException;
import io.strata.schema.format.TextDecoding;
import io.strata.schema.format.TextRow;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * CSV and TSV rows via FastCSV, after sniffing encoding and dialect from the first 64 KiB. Rows come as a {@link
 * TextRow} (FastCSV's fields copied into one reused buffer), so no string is made for a value unless asked.
 */
public final class CsvRowSource implements RowSource {
    private static final int SNIFF_BYTES = 64 * 1024;

    private final CsvReader<TextRow> reader;
    private final Iterator<TextRow> records;
    private final ReplacementWatchingReader watched;
    private final TextRowHandler handler = new TextRowHandler();
    private final TextRow noValues = new TextRow(); // the row of a parse failure
    private final List<String> columns;
    private final List<String> columnsView;
    private final TextDecoding decoding;
    private final CsvDialect dialect;
    private final boolean checkEncoding;
    private TextRow current;
    private String problem;
    private long line; // of the current row, 0 before the first
    private String location; // "line N", made when asked
    private boolean failed;

    private CsvRowSource(Reader text, TextDecoding decoding, CsvDialect dialect) {
        this.decoding = decoding;
        this.dialect = dialect;
        this.checkEncoding = decoding.charset().equals(StandardCharsets.UTF_8);
        this.watched = new ReplacementWatchingReader(
                dialect.backslashEscapes() ? new BackslashEscapeReader(text, dialect.quote()) : text);
        this.reader = CsvReader.builder()
                .fieldSeparator(dialect.delimiter())
                .quoteCharacter(dialect.quote())
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .allowExtraCharsAfterClosingQuote(true)
                .allowUnclosedQuote(false)
                .detectBomHeader(false)
                .build(handler, watched);
        this.records = reader.iterator();
        List<String> names = new ArrayList<>();
        if (dialect.header() && advance()) {
            for (int i = 0; i < current.size(); i++) {
                names.add(current.text(i));
            }
            current = null;
        }
        this.columns = names;
        this.columnsView = Collections.unmodifiableList(names);
    }

    /**
     * Sniffs and opens a delimited text file.
     *
     * @param tabFirst prefer a tab when the delimiter is ambiguous (the file is named .tsv)
     */
    public static CsvRowSource open(InputStream in, boolean tabFirst) {
        try {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            boolean complete = head.length < SNIFF_BYTES;
            TextDecoding decoding = TextDecoding.sniff(head, head.length, complete);
            InputStream all = new SequenceInputStream(
                    new java.io.ByteArrayInputStream(head, decoding.bomLength(), head.length - decoding.bomLength()),
                    in);
            Reader reader = new InputStreamReader(all, decoding.decoder());
            char[] prefix = new char[SNIFF_BYTES];
            int len = reader.read(prefix, 0, prefix.length);
            len = Math.max(len, 0);
            while (len < prefix.length) {
                int r = reader.read(prefix, len, prefix.length - len);
                if (r < 0) {
                    break;
                }
                len += r;
            }
            boolean prefixComplete = len < prefix.length;
            CsvDialect dialect = CsvDialectSniffer.sniff(new String(prefix, 0, len), prefixComplete, tabFirst);
            Reader text = new ConcatReader(new CharArrayReader(prefix, 0, len), reader);
            CsvRowSource source = new CsvRowSource(text, decoding, dialect);
            if (!dialect.header()) {
                source.columns.clear();
            }
            return source;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CsvDialect dialect() {
        return dialect;
    }

    public TextDecoding decoding() {
        return decoding;
    }

    private boolean advance() {
        if (failed) {
            return false;
        }
        try {
            if (!records.hasNext()) {
                return false;
            }
            current = records.next();
            line = handler.line();
            location = null;
            return true;
        } catch (CsvParseException e) {
            failed = true;
            current = null;
            String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            problem = "the file cannot be parsed past here (" + cause + "); is a quote left open?";
            return true;
        } catch (UncheckedIOException e) {
            throw new SourceException(location(), "read failed: " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public List<String> columns() {
        return columnsView;
    }

    @Override
    public boolean next() {
        problem = null;
        if (!advance()) {
            return false;
        }
        if (current == null) {
            return true; // the parse failure row, reported through problem()
        }
        int n = current.size();
        if (columns.isEmpty() && !dialect.header()) {
            for (int i = 1; i <= n; i++) {
                columns.add("");
            }
        }
        if (n != columns.size()) {
            if (n > columns.size() && !dialect.header()) {
                while (columns.size() < n) {
                    columns.add("");
                }
            }
            problem = "has " + n + " fields where the " + (dialect.header() ? "header has " : "first row has ")
                    + columns.size();
        }
        if (checkEncoding && watched.seen()) {
            char[] chars = current.chars();
            search:
            for (int i = 0; i < n; i++) {
                for (int k = current.start(i), end = current.end(i); k < end; k++) {
                    if (chars[k] == '\uFFFD') {
                        problem = "holds bytes that are not valid UTF-8 (field " + (i + 1) + ")";
                        break search;
                    }
                }
            }
        }
        return true;
    }

    @Override
    public int size() {
        return current == null ? 0 : current.size();
    }

    @Override
    public Object value(int column) {
        return current == null || column >= current.size() ? null : current.text(column);
    }

    @Override
    public TextRow textRow() {
        return current == null ? noValues : current;
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public String location() {
        if (location == null && line > 0) {
            location = "line " + line;
        }
        return location;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sniffed prefix, then the rest of the stream. */
    private static final class ConcatReader extends Reader {
        private final Reader first;
        private final Reader second;
        private boolean onSecond;

        ConcatReader(Reader first, Reader second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (!onSecond) {
                int n = first.read(buf, off, len);
                if (n >= 0) {
                    return n;
                }
                onSecond = true;
            }
            return second.read(buf, off, len);
        }

        @Override
        public void close() {
            // the caller owns the underlying stream
        }
    }
}
