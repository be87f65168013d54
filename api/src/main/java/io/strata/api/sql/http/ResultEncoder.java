package io.strata.api.sql.http;

import io.strata.api.sql.ResultPart;
import io.strata.api.sql.SqlColumn;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Writes a result in one of Druid's formats, part by part as it streams, byte for byte as Druid's broker writes it:
 * JSON arrays or objects, one per line for the {@code *Lines} formats and CSV (with Druid's trailing blank line), the
 * optional header rows (names; native types; SQL types). Not thread-safe: one per response.
 */
final class ResultEncoder {

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    private final ResultFormat format;
    private final boolean header;
    private final boolean typesHeader;
    private final boolean sqlTypesHeader;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private List<SqlColumn> columns;
    private boolean first = true;

    ResultEncoder(DruidSqlRequest request) {
        this.format = request.format();
        this.header = request.header();
        this.typesHeader = request.typesHeader();
        this.sqlTypesHeader = request.sqlTypesHeader();
    }

    /** The bytes of one part (the header, or a row). */
    byte[] encode(ResultPart part) {
        out.reset();
        if (part instanceof ResultPart.Header h) {
            columns = h.columns();
            if (!format.lines()) {
                out.write('[');
            }
            if (header) {
                headerRows();
            }
        } else {
            separator();
            ResultPart.Row row = (ResultPart.Row) part;
            if (row.json() != null && (format == ResultFormat.ARRAY || format == ResultFormat.ARRAY_LINES)) {
                out.writeBytes(row.json()); // Druid's own bytes for the row: nothing to decode or encode
                if (format == ResultFormat.ARRAY_LINES) {
                    out.write('\n');
                }
            } else {
                row(row.values());
            }
        }
        return out.toByteArray();
    }

    /** The bytes that end the result: {@code ]} and a line break, or the blank line of the line formats. */
    byte[] end() {
        out.reset();
        if (!format.lines()) {
            out.write(']');
        }
        out.write('\n');
        return out.toByteArray();
    }

    private void separator() {
        if (format.lines()) {
            return;
        }
        if (!first) {
            out.write(',');
        }
        first = false;
    }

    private void headerRows() {
        switch (format) {
            case OBJECT, OBJECT_LINES -> {
                separator();
                out.write('{');
                for (int i = 0; i < columns.size(); i++) {
                    SqlColumn c = columns.get(i);
                    if (i > 0) {
                        out.write(',');
                    }
                    string(c.name());
                    out.write(':');
                    if (!typesHeader && !sqlTypesHeader) {
                        ascii("null");
                        continue;
                    }
                    out.write('{');
                    if (typesHeader) {
                        ascii("\"type\":");
                        string(c.druidType());
                    }
                    if (sqlTypesHeader) {
                        ascii(typesHeader ? ",\"sqlType\":" : "\"sqlType\":");
                        string(c.sqlType());
                    }
                    out.write('}');
                }
                out.write('}');
                if (format == ResultFormat.OBJECT_LINES) {
                    out.write('\n');
                }
            }
            default -> {
                line(columns.stream().map(SqlColumn::name).toList());
                if (typesHeader) {
                    line(columns.stream().map(SqlColumn::druidType).toList());
                }
                if (sqlTypesHeader) {
                    line(columns.stream().map(SqlColumn::sqlType).toList());
                }
            }
        }
    }

    private void line(List<String> values) {
        separator();
        if (format == ResultFormat.CSV) {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                csv(values.get(i));
            }
            out.write('\n');
            return;
        }
        out.write('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            string(values.get(i));
        }
        out.write(']');
        if (format == ResultFormat.ARRAY_LINES) {
            out.write('\n');
        }
    }

    private void row(Object[] values) {
        switch (format) {
            case OBJECT, OBJECT_LINES -> {
                out.write('{');
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    string(columns.get(i).name());
                    out.write(':');
                    value(values[i]);
                }
                out.write('}');
                if (format == ResultFormat.OBJECT_LINES) {
                    out.write('\n');
                }
            }
            case CSV -> {
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    csv(values[i] == null ? "" : text(values[i]));
                }
                out.write('\n');
            }
            default -> {
                out.write('[');
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    value(values[i]);
                }
                out.write(']');
                if (format == ResultFormat.ARRAY_LINES) {
                    out.write('\n');
                }
            }
        }
    }

    private void value(Object value) {
        if (value == null) {
            ascii("null");
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
            ascii(value.toString());
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                string(d.toString());
            } else {
                ascii(d.toString());
            }
        } else {
            string(text(value));
        }
    }

    private static String text(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof List<?> list) {
            return list.toString();
        }
        return value.toString();
    }

    private void string(String s) {
        out.write('"');
        out.writeBytes(STRINGS.quoteAsUTF8(s));
        out.write('"');
    }

    private void csv(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        if (quote) {
            out.write('"');
            out.writeBytes(s.replace("\"", "\"\"").getBytes(StandardCharsets.UTF_8));
            out.write('"');
        } else {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
