package io.strata.specs;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes Druid spec JSON for the {@code io.strata.specs.model} types.
 *
 * <p>Writing omits nulls (Druid's defaults) and keeps Druid's field order; reading rejects fields the model does not
 * know, so nothing in a spec is silently dropped. Thread-safe.
 */
public final class SpecJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL)
                    .withContentInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private SpecJson() {}

    /** The configured mapper, for callers that need trees or streams. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Pretty-printed JSON of a spec (or any model value). */
    public static String write(Object spec) {
        try {
            return MAPPER.writeValueAsString(spec);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + spec.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads JSON into a model type.
     *
     * @throws InvalidSpecException naming the problem and, where known, the JSON path, when the JSON is malformed,
     *     has unknown fields or breaks a spec rule
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof InvalidSpecException)) {
                cause = cause.getCause();
            }
            String path = e.getPathReference();
            if (cause instanceof InvalidSpecException invalid) {
                throw new InvalidSpecException(invalid.getMessage() + " (at " + path + ")", e);
            }
            throw new InvalidSpecException(
                    "invalid " + type.getSimpleName() + " JSON: " + e.getOriginalMessage() + " (at " + path + ")", e);
        }
    }

    /** Parses JSON into a tree, e.g. to compare specs regardless of field order. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidSpecException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }
}
