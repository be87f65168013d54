package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Druid's {@code json} input format (one JSON object per line for batch files).
 *
 * @param flattenSpec how nested fields become columns; null for root fields only
 * @param featureSpec Jackson parser features, e.g. {@code ALLOW_SINGLE_QUOTES: true}; null for none
 * @param keepNullColumns keep fields whose value is null; null for Druid's default
 * @param assumeNewlineDelimited streaming only: one event per line
 * @param useJsonNodeReader streaming only: keep valid events before a parse error
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonInputFormat(
        FlattenSpec flattenSpec,
        Map<String, Boolean> featureSpec,
        Boolean keepNullColumns,
        Boolean assumeNewlineDelimited,
        Boolean useJsonNodeReader)
        implements InputFormat {

    public JsonInputFormat {
        featureSpec = Checks.copy(featureSpec);
    }

    public static JsonInputFormat plain() {
        return new JsonInputFormat(null, null, null, null, null);
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "json";
    }
}
