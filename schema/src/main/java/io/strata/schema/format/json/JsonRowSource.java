package io.strata.schema.format.json;

import io.strata.schema.format.RowSource;
import io.strata.schema.format.SourceException;
import io.strata.schema.format.TextDecoding;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows of JSON Lines (one object per line; an object may span lines, as in pretty-printed concatenated JSON) or of
 * a JSON array of objects, read as a stream.
 *
 * <p>Flattening: a nested object's fields become columns named by their dotted path ({@code {"a":{"b":{"c":1}}}}
 * gives column {@code a.b.c}, Druid name {@code a_b_c}); an empty object adds nothing. An array of scalars is a
 * multi-value value ({@code List}), an empty array is null; an array holding objects or arrays is kept as its JSON
 * text. Columns are added in
 * the order they are first met. A line that is not valid JSON is a bad row and reading goes on; in a JSON array a
 * syntax error ends the reading, as nothing after it can be trusted.
 */
public final class JsonRowSource implements RowSource {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Characters an object spanning several lines may hold before the reader gives up on it. */
    private static final int MAX_PENDING_CHARS = 16 * 1024 * 1024;

    private final boolean array;
    private final TextDecoding decoding;
    private final BufferedReader lines;
    private final JsonParser arrayParser;
    private final List<String> columns = new ArrayList<>();
    private final List<Boolean> nestedColumn = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private Object[] values = new Object[16];
    private String problem;
    private String location;
    private long lineNumber;
    private long element;
    /** Nothing more can be read: the end, or a syntax error in an array. */
    private boolean failed;

    private boolean flattened;
    private boolean jsonArrays;
    private boolean multiLine;

    private JsonRowSource(boolean array, TextDecoding decoding, Reader text) {
        this.array = array;
        this.decoding = decoding;
        if (array) {
            this.lines = null;
            this.arrayParser = MAPPER.createParser(text);
        } else {
            this.lines = new BufferedReader(text, 64 * 1024);
            this.arrayParser = null;
        }
    }

    /**
     * Opens JSON text.
     *
     * @param array true for a JSON array of objects, false for JSON Lines
     */
    public static JsonRowSource open(InputStream raw, boolean array) {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        try {
            in.mark(4096);
            byte[] head = in.readNBytes(4096);
            in.reset();
            TextDecoding decoding = TextDecoding.sniff(head, head.length, head.length < 4096);
            in.skipNBytes(decoding.bomLength());
            JsonRowSource source = new JsonRowSource(array, decoding, new InputStreamReader(in, decoding.decoder()));
            if (array) {
                source.startArray();
            }
            return source;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TextDecoding decoding() {
        return decoding;
    }

    private void startArray() {
        try {
            JsonToken first = arrayParser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new SourceException("line 1", "a JSON array file must start with '['", null);
            }
        } catch (JacksonException e) {
            throw new SourceException("line 1", "not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public List<String> columns() {
        return Collections.unmodifiableList(columns);
    }

    @Override
    public String druidNameBase(int column) {
        String name = columns.get(column);
        return nestedColumn.get(column) ? name.replace('.', '_') : name;
    }

    @Override
    public String normalizeBecause() {
        if (!decoding.charset().equals(StandardCharsets.UTF_8)) {
            return "the file is encoded in " + decoding.charset().name() + "; Druid reads UTF-8";
        }
        if (array) {
            return "it is a JSON array; Druid reads one JSON object per line";
        }
        if (flattened) {
            return "nested objects are flattened into dotted columns";
        }
        if (jsonArrays) {
            return "arrays holding objects or arrays are kept as JSON text";
        }
        if (multiLine) {
            return "objects span several lines; Druid reads one JSON object per line";
        }
        return null;
    }

    @Override
    public boolean next() {
        problem = null;
        Arrays.fill(values, 0, Math.min(values.length, columns.size()), null);
        if (failed) {
            return false;
        }
        return array ? nextElement() : nextLine();
    }

    private boolean nextLine() {
        StringBuilder pending = null;
        long start = 0;
        try {
            for (String line; (line = lines.readLine()) != null; ) {
                lineNumber++;
                if (pending == null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    start = lineNumber;
                    location = "line " + start;
                    if (parseLine(line)) {
                        return true;
                    }
                    pending = new StringBuilder(line);
                } else {
                    pending.append('\n').append(line);
                    if (pending.length() > MAX_PENDING_CHARS) {
                        return bad("the object starting at line " + start + " is not closed within " + MAX_PENDING_CHARS
                                + " characters");
                    }
                    // only a line that may close the object is worth another parse
                    if (line.indexOf('}') >= 0 && parseLine(pending.toString())) {
                        multiLine = true;
                        location = "lines " + start + "-" + lineNumber;
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            throw new SourceException(location, "read failed: " + e.getMessage(), e);
        }
        if (pending != null) {
            return bad("the object starting at line " + start + " is not closed before the end of the file");
        }
        return false;
    }

    /** Parses one complete object into the row; false when the text ends inside it; a bad row on other errors. */
    private boolean parseLine(String text) {
        try (JsonParser p = MAPPER.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                problem = "is not a JSON object";
                return true;
            }
            readObject(p, null);
            if (p.nextToken() != null) {
                problem = "holds more than one JSON value";
            }
            return true;
        } catch (UnexpectedEndOfInputException e) {
            Arrays.fill(values, 0, columns.size(), null);
            return false;
        } catch (JacksonException e) {
            Arrays.fill(values, 0, columns.size(), null);
            problem = "is not valid JSON: " + e.getOriginalMessage();
            return true;
        }
    }

    private boolean bad(String why) {
        problem = why;
        return true;
    }

    private boolean nextElement() {
        try {
            JsonToken t = arrayParser.nextToken();
            element++;
            location = "element " + element + ", line "
                    + arrayParser.currentTokenLocation().getLineNr();
            if (t == JsonToken.END_ARRAY) {
                failed = true; // the end: later calls return false too
                if (arrayParser.nextToken() != null) {
                    failed = true;
                    return bad("has text after the closing ']' of the array");
                }
                return false;
            }
            if (t == null) {
                failed = true;
                return bad("the array is not closed before the end of the file");
            }
            if (t != JsonToken.START_OBJECT) {
                arrayParser.skipChildren();
                return bad("is not a JSON object");
            }
            readObject(arrayParser, null);
            return true;
        } catch (JacksonException e) {
            failed = true;
            Arrays.fill(values, 0, columns.size(), null);
            return bad("the file cannot be parsed past here (" + e.getOriginalMessage() + ")");
        }
    }

    private void readObject(JsonParser p, String prefix) {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = prefix == null ? p.currentName() : prefix + "." + p.currentName();
            JsonToken v = p.nextToken();
            switch (v) {
                case START_OBJECT -> {
                    flattened = true;
                    readObject(p, name);
                }
                case START_ARRAY -> set(name, prefix != null, array(p));
                case VALUE_STRING -> set(name, prefix != null, p.getString());
                case VALUE_NUMBER_INT -> set(
                        name,
                        prefix != null,
                        p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getString() : p.getLongValue());
                case VALUE_NUMBER_FLOAT -> set(name, prefix != null, p.getDoubleValue());
                case VALUE_TRUE -> set(name, prefix != null, Boolean.TRUE);
                case VALUE_FALSE -> set(name, prefix != null, Boolean.FALSE);
                default -> set(name, prefix != null, null);
            }
        }
    }

    /** A list of scalars, or the JSON text of an array that holds objects or arrays. */
    private Object array(JsonParser p) {
        JsonNode node = MAPPER.readTree(p);
        if (node.isEmpty()) {
            return null; // as Druid reads it: no values
        }
        List<Object> scalars = new ArrayList<>(node.size());
        for (JsonNode e : node) {
            if (e.isContainer()) {
                jsonArrays = true;
                return node.toString();
            }
            if (e.isNull()) {
                scalars.add(null);
            } else if (e.isIntegralNumber() && e.canConvertToLong()) {
                scalars.add(e.longValue());
            } else if (e.isNumber()) {
                scalars.add(e.doubleValue());
            } else if (e.isBoolean()) {
                scalars.add(e.booleanValue());
            } else {
                scalars.add(e.asString());
            }
        }
        return Collections.unmodifiableList(scalars);
    }

    private void set(String name, boolean nested, Object value) {
        Integer i = index.get(name);
        if (i == null) {
            i = columns.size();
            index.put(name, i);
            columns.add(name);
            nestedColumn.add(nested);
            if (values.length <= i) {
                values = Arrays.copyOf(values, values.length * 2);
            }
        }
        values[i] = value;
    }

    @Override
    public int size() {
        return columns.size();
    }

    @Override
    public Object value(int column) {
        return column < columns.size() ? values[column] : null;
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void close() {
        // the caller owns the underlying stream; the parser and reader hold nothing else
    }
}
