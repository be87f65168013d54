package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.strata.specs.InvalidSpecException;
import java.util.Locale;

/** How a multi-value {@code string} dimension stores its arrays. */
public enum MultiValueHandling {
    /** Keep arrays as ingested (order and duplicates). */
    ARRAY,
    /** Sort each array (Druid's default). */
    SORTED_ARRAY,
    /** Sort and de-duplicate each array. */
    SORTED_SET;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MultiValueHandling fromJson(String value) {
        for (MultiValueHandling handling : values()) {
            if (handling.name().equalsIgnoreCase(value)) {
                return handling;
            }
        }
        throw InvalidSpecException.of(
                "unknown multiValueHandling [%s]; expected array, sorted_array or sorted_set", value);
    }
}
