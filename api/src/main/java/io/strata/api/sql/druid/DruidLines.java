package io.strata.api.sql.druid;

import io.strata.api.sql.ResultPart;
import io.strata.api.sql.SqlColumn;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Decodes Druid's {@code arrayLines} answer with all three headers, line by line as it arrives: a line of column
 * names, one of native types, one of SQL types, then a JSON array per row (kept as it is: its values are read only when needed, see {@link JsonArrayLine}), and a
 * blank line at the end (Druid's
 * trailer, so a cut-short answer is told from a complete one). Not thread-safe: one per answer, fed in order.
 */
final class DruidLines {

    private static final JsonFactory JSON = new JsonFactory();

    private final long maxRows;
    private final long maxBytes;
    private final String sqlQueryId;
    private final List<List<String>> headers = new ArrayList<>(3);
    private String[] sqlTypes;
    private JsonArrayLine decoder;
    private byte[] pending = new byte[0];
    private long rows;
    private long bytes;
    private boolean ended;

    DruidLines(long maxRows, long maxBytes, String sqlQueryId) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.sqlQueryId = sqlQueryId;
    }

    /** The parts the bytes complete (a header once the three header lines are in, then rows). */
    List<ResultPart> accept(byte[] chunk, int offset, int length) {
        bytes += length;
        if (bytes > maxBytes) {
            throw SqlException.limit(
                    "the result is larger than " + maxBytes + " bytes (strata.sql.max-bytes)",
                    "select fewer columns or rows, or aggregate in the query");
        }
        List<ResultPart> parts = new ArrayList<>();
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (chunk[i] == '\n') {
                line(join(chunk, start, i), parts);
                start = i + 1;
            }
        }
        if (start < end) {
            byte[] rest = new byte[pending.length + end - start];
            System.arraycopy(pending, 0, rest, 0, pending.length);
            System.arraycopy(chunk, start, rest, pending.length, end - start);
            pending = rest;
        }
        return parts;
    }

    /** Called when Druid's answer ended: fails unless it ended with Druid's trailer. */
    void finish() {
        if (!ended) {
            throw new SqlException(
                    SqlState.SYSTEM_ERROR,
                    "Druid's answer ended before its last row (Druid query " + sqlQueryId + ")",
                    "the query failed in Druid while streaming; the server's log may say why");
        }
    }

    long rows() {
        return rows;
    }

    private byte[] join(byte[] chunk, int start, int end) {
        if (pending.length == 0) {
            byte[] line = new byte[end - start];
            System.arraycopy(chunk, start, line, 0, line.length);
            return line;
        }
        byte[] line = new byte[pending.length + end - start];
        System.arraycopy(pending, 0, line, 0, pending.length);
        System.arraycopy(chunk, start, line, pending.length, end - start);
        pending = new byte[0];
        return line;
    }

    private void line(byte[] line, List<ResultPart> parts) {
        if (line.length == 0) {
            ended = true;
            return;
        }
        if (ended) {
            throw new IllegalStateException("Druid answered after its trailer");
        }
        if (headers.size() < 3) {
            headers.add(strings(line));
            if (headers.size() == 3) {
                parts.add(header());
            }
            return;
        }
        rows++;
        if (rows > maxRows) {
            throw SqlException.limit(
                    "the result has more than " + maxRows + " rows (strata.sql.max-rows)",
                    "add a LIMIT, or aggregate in the query");
        }
        parts.add(new ResultPart.Row(line, decoder::values));
    }

    private ResultPart.Header header() {
        List<String> names = headers.get(0);
        List<String> druidTypes = headers.get(1);
        List<String> types = headers.get(2);
        sqlTypes = types.toArray(String[]::new);
        decoder = new JsonArrayLine(sqlTypes);
        List<SqlColumn> columns = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            columns.add(SqlColumn.ofDruid(names.get(i), types.get(i), druidTypes.get(i)));
        }
        return new ResultPart.Header(columns);
    }

    private static List<String> strings(byte[] line) {
        List<String> values = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), line)) {
            expect(parser.nextToken() == JsonToken.START_ARRAY);
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                values.add(t == JsonToken.VALUE_NULL ? null : parser.getString());
            }
        }
        return values;
    }

    private static void expect(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("Druid answered a line that is not a JSON array");
        }
    }
}
