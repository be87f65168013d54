package io.strata.api.security;

import org.springframework.http.HttpHeaders;

/** The bearer token of a request, read exactly as Strata's security chain reads it. */
public final class BearerToken {

    private BearerToken() {}

    /**
     * The token of the request's {@code Authorization: Bearer <token>} header; null when there is no such header, it
     * names another scheme, or its token is malformed (which the security chain refuses).
     */
    public static String of(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        return authorization == null ? null : HeaderChecks.BearerTokenConverter.token(authorization);
    }
}
