package io.strata.api.sql.druid;

import java.nio.charset.StandardCharsets;

/**
 * Reads one line of Druid's {@code arrayLines} answer — a flat JSON array of strings, numbers, booleans and nulls
 * (arrays and complex values come stringified) — into values typed by the columns' SQL types, without a general JSON
 * parser: this runs once per row of every answer. A nested array or object, should one come, is kept as its JSON text.
 */
final class JsonArrayLine {

    private final String[] sqlTypes;

    JsonArrayLine(String[] sqlTypes) {
        this.sqlTypes = sqlTypes;
    }

    Object[] values(byte[] line) {
        Object[] values = new Object[sqlTypes.length];
        int at = skip(line, 0);
        expect(line, at, '[');
        at = skip(line, at + 1);
        int column = 0;
        if (at < line.length && line[at] == ']') {
            return values;
        }
        while (true) {
            if (column >= values.length) {
                throw new IllegalStateException("Druid answered a row longer than its header");
            }
            at = value(line, at, column, values);
            column++;
            at = skip(line, at);
            if (at >= line.length) {
                throw new IllegalStateException("Druid answered a row that is not a JSON array");
            }
            if (line[at] == ']') {
                return values;
            }
            expect(line, at, ',');
            at = skip(line, at + 1);
        }
    }

    /** Reads the value at {@code at} into {@code values[column]}; answers where it ends. */
    private int value(byte[] line, int at, int column, Object[] values) {
        byte b = line[at];
        if (b == '"') {
            int end = at + 1;
            boolean escaped = false;
            while (line[end] != '"') {
                if (line[end] == '\\') {
                    escaped = true;
                    end++;
                }
                end++;
            }
            values[column] = escaped
                    ? unescape(line, at + 1, end)
                    : new String(line, at + 1, end - at - 1, StandardCharsets.UTF_8);
            return end + 1;
        }
        if (b == 'n') {
            values[column] = null;
            return at + 4;
        }
        if (b == 't') {
            values[column] = Boolean.TRUE;
            return at + 4;
        }
        if (b == 'f') {
            values[column] = Boolean.FALSE;
            return at + 5;
        }
        if (b == '[' || b == '{') {
            int end = matching(line, at);
            values[column] = new String(line, at, end - at, StandardCharsets.UTF_8);
            return end;
        }
        int end = at;
        boolean integral = true;
        while (end < line.length && line[end] != ',' && line[end] != ']' && line[end] != ' ') {
            byte c = line[end];
            if (c == '.' || c == 'e' || c == 'E') {
                integral = false;
            }
            end++;
        }
        values[column] = number(line, at, end, integral, sqlTypes[column]);
        return end;
    }

    private static Object number(byte[] line, int start, int end, boolean integral, String sqlType) {
        boolean floating =
                switch (sqlType) {
                    case "DOUBLE", "FLOAT", "REAL", "DECIMAL" -> true;
                    default -> false;
                };
        if (integral && !floating && end - start < 19) {
            long value = 0;
            boolean negative = line[start] == '-';
            for (int i = negative ? start + 1 : start; i < end; i++) {
                value = value * 10 + (line[i] - '0');
            }
            long number = negative ? -value : value;
            return sqlType.equals("BOOLEAN") ? (Object) (number != 0) : (Object) number;
        }
        String text = new String(line, start, end - start, StandardCharsets.US_ASCII);
        if (!floating && integral) {
            return Long.parseLong(text);
        }
        return Double.parseDouble(text);
    }

    private static int matching(byte[] line, int at) {
        int depth = 0;
        boolean string = false;
        for (int i = at; i < line.length; i++) {
            byte c = line[i];
            if (string) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    string = false;
                }
            } else if (c == '"') {
                string = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && --depth == 0) {
                return i + 1;
            }
        }
        throw new IllegalStateException("Druid answered an unterminated JSON value");
    }

    private static String unescape(byte[] line, int start, int end) {
        String raw = new String(line, start, end - start, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e); // \" \\ \/
            }
        }
        return out.toString();
    }

    private static int skip(byte[] line, int at) {
        while (at < line.length && (line[at] == ' ' || line[at] == '\t' || line[at] == '\r')) {
            at++;
        }
        return at;
    }

    private static void expect(byte[] line, int at, char c) {
        if (at >= line.length || line[at] != c) {
            throw new IllegalStateException("Druid answered a line that is not a JSON array");
        }
    }
}
