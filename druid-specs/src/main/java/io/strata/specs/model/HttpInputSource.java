package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;
import java.util.List;

/**
 * Druid's {@code http} input source.
 *
 * @param httpAuthenticationPassword a plain string or a Druid password-provider object; null without auth
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HttpInputSource(List<String> uris, String httpAuthenticationUsername, Object httpAuthenticationPassword)
        implements InputSource {

    public HttpInputSource {
        uris = Checks.copy(Checks.require(uris, "http inputSource uris"), "http inputSource uris");
        if (uris.isEmpty()) {
            throw new InvalidSpecException("http inputSource uris must not be empty");
        }
        for (String uri : uris) {
            if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
                throw InvalidSpecException.of("http inputSource uri [%s] must start with http:// or https://", uri);
            }
        }
    }

    public static HttpInputSource of(List<String> uris) {
        return new HttpInputSource(uris, null, null);
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "http";
    }
}
