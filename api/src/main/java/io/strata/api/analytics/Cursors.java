package io.strata.api.analytics;

import io.strata.ingestion.StrataException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opaque keyset cursors: base64url of {@code {"q": <query shape>, "k": [sort key values]}}. The shape ties a cursor
 * to the query that made it, so a cursor given to a different table query is refused rather than misread.
 */
final class Cursors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Cursors() {}

    static String encode(String shape, List<Object> keys) {
        Map<String, Object> cursor = new LinkedHashMap<>();
        cursor.put("q", shape);
        cursor.put("k", keys);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(cursor));
    }

    /** The sort key values of a cursor made for {@code shape}; BAD_REQUEST when it is not one. */
    static List<Object> decode(String cursor, String shape, int keys) {
        JsonNode node;
        try {
            node = JSON.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JacksonException e) {
            throw invalid();
        }
        if (!node.path("q").isString() || !node.path("q").asString().equals(shape)) {
            throw new StrataException.InvalidInput(
                    "after: the cursor belongs to a different table query (other dimensions, measures, order, filter"
                            + " or interval); start again without 'after'",
                    Map.of("field", "after"));
        }
        JsonNode values = node.path("k");
        if (!values.isArray() || values.size() != keys) {
            throw invalid();
        }
        List<Object> result = new ArrayList<>();
        for (JsonNode value : values) {
            if (value.isNull()) {
                result.add(null);
            } else if (value.isIntegralNumber()) {
                result.add(value.asLong());
            } else if (value.isNumber()) {
                result.add(value.asDouble());
            } else if (value.isString()) {
                result.add(value.asString());
            } else {
                throw invalid();
            }
        }
        return result;
    }

    private static StrataException invalid() {
        return new StrataException.InvalidInput(
                "after: not a cursor of this API; use an edge's cursor or pageInfo.endCursor",
                Map.of("field", "after"));
    }
}
