package io.strata.schema.format.csv;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.strata.schema.format.ColumnLimitException;
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
    private final TextRowHandler handler;
    private final int maxColumns;
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
    /** Set once the detector was told Druid reads the original: from then on, what Druid reads differently is fatal. */
    private boolean original;

    private CsvRowSource(Reader text, TextDecoding decoding, CsvDialect dialect, int maxColumns) {
        this.decoding = decoding;
        this.dialect = dialect;
        this.maxColumns = maxColumns;
        this.handler = new TextRowHandler(maxColumns);
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
            if (current == null) {
                throw new SourceException("line 1", "the header " + problem.substring("the file ".length()), null);
            }
            if (handler.fields() > maxColumns) {
                throw new ColumnLimitException(handler.fields(), maxColumns);
            }
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
     * @param maxColumns most fields a header (or a headerless file's first row) may have; more throw {@link
     *     ColumnLimitException}
     */
    public static CsvRowSource open(InputStream in, boolean tabFirst, int maxColumns) {
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
            CsvRowSource source = new CsvRowSource(text, decoding, dialect, maxColumns);
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
        int n = handler.fields();
        if (columns.isEmpty() && !dialect.header()) {
            if (n > maxColumns) {
                throw new ColumnLimitException(n, maxColumns);
            }
            for (int i = 1; i <= n; i++) {
                columns.add("");
            }
        }
        if (n != columns.size()) {
            if (n > columns.size() && !dialect.header()) {
                if (n > maxColumns) {
                    throw new ColumnLimitException(n, maxColumns);
                }
                while (columns.size() < n) {
                    columns.add("");
                }
            }
            problem = "has " + n + " fields where the " + (dialect.header() ? "header has " : "first row has ")
                    + columns.size();
        }
        if (checkEncoding && watched.seen()) {
            String bad = badUtf8Fields();
            if (bad != null) {
                String encoding = "holds bytes that are not valid UTF-8 in " + bad
                        + "; each bad byte sequence is read, validated and stored as the replacement character"
                        + " U+FFFD (\uFFFD): fix the file's encoding and upload it again to keep the original text";
                problem = problem == null ? encoding : problem + "; it also " + encoding;
            }
        }
        if (original) {
            refuseWhatDruidReadsDifferently();
        }
        return true;
    }

    /** The fields of the current row holding U+FFFD, named ("[city] (field 3)"), or null. */
    private String badUtf8Fields() {
        StringBuilder bad = null;
        char[] chars = current.chars();
        for (int i = 0; i < current.size(); i++) {
            for (int k = current.start(i), end = current.end(i); k < end; k++) {
                if (chars[k] == '\uFFFD') {
                    bad = bad == null ? new StringBuilder() : bad.append(", ");
                    String name = i < columns.size() ? columns.get(i) : "";
                    bad.append(name.isEmpty() ? "" : "[" + name + "] ")
                            .append("(field ")
                            .append(i + 1)
                            .append(')');
                    break;
                }
            }
        }
        return bad == null ? null : bad.toString();
    }

    /**
     * Why Druid cannot read this file as it is, from what was read so far: Druid's CSV reader reads the file line by
     * line, splitting on LF only, so a lone CR does not end a row there, and a quoted field holding a line break is
     * cut in two. Asked once; when it answers null, Druid reads the original, and a later row that Druid would read
     * differently fails the file (see {@link #next()}).
     */
    @Override
    public String normalizeBecause() {
        if (watched.loneCr()) {
            return "lines end in a lone carriage return (CR, old Mac line endings), which Druid's CSV reader does not"
                    + " take for a line end";
        }
        if (handler.quotedLineBreak()) {
            return "a quoted field holds a line break, which Druid's CSV reader, reading line by line, cuts in two";
        }
        original = true;
        return null;
    }

    private void refuseWhatDruidReadsDifferently() {
        if (handler.quotedLineBreak()) {
            throw new SourceException(
                    location(),
                    "a quoted field holds a line break, first after the rows the file's format was decided from;"
                            + " Druid would cut the row in two. Remove the line breaks from quoted fields (or move such"
                            + " a row into the first 10,000), or upload the file as JSON Lines",
                    null);
        }
        if (watched.loneCr()) {
            throw new SourceException(
                    "line " + handler.line() + " or soon after",
                    "a line ends in a lone carriage return (CR), first after the rows the file's format was decided"
                            + " from; Druid would not take it for a line end. Save the file with LF or CRLF line"
                            + " endings and upload it again",
                    null);
        }
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
