package io.strata.api.analytics;

import io.strata.ingestion.StrataException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The BAD_REQUEST errors of configured limits: which argument, which setting, the maximum and what was asked. */
final class Limits {

    private Limits() {}

    static StrataException exceeded(String field, String setting, long max, long requested, String what) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field);
        details.put("limit", setting);
        details.put("max", max);
        details.put("requested", requested);
        return new StrataException.InvalidInput(
                field + ": " + requested + " " + what + " exceed the limit of " + max + " (" + setting + ")", details);
    }
}
