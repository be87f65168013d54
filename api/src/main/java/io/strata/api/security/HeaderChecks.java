package io.strata.api.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What Spring Security checks of every request's headers with regular expressions, checked character by character:
 * the firewall's allowed header names and values, and the bearer token's syntax. The same rules, without running a
 * regular expression over an 800-character token twice per request (a tenth of a cached answer's CPU).
 */
final class HeaderChecks {

    private HeaderChecks() {}

    /**
     * Spring Security's strict firewall, with its header rules as loops: a name has only assigned, non-control
     * characters; a value may also hold tabs ({@link StrictServerWebExchangeFirewall#ALLOWED_HEADER_NAMES} and
     * {@link StrictServerWebExchangeFirewall#ALLOWED_HEADER_VALUES}).
     */
    static StrictServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderChecks::allowedName);
        firewall.setAllowedHeaderValues(HeaderChecks::allowedValue);
        return firewall;
    }

    /** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} */
    static boolean allowedName(String name) {
        return allowed(name, false);
    }

    /** {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} */
    static boolean allowedValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tab) {
        if (text == null) {
            return true; // an absent header: the firewall asks about the value of every header looked up
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c < 0x7F ? c < 0x20 && !(tab && c == '\t') : !assignedNotControl(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean assignedNotControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type != Character.UNASSIGNED && type != Character.CONTROL;
    }

    /**
     * The bearer token of the {@code Authorization} header, as Spring Security's {@code
     * ServerBearerTokenAuthenticationConverter} reads it (header only; tokens in the query or a form are not
     * accepted): no header, or another scheme, is no token; {@code Bearer} (any case) and one space must be followed
     * by a token of {@code [A-Za-z0-9-._~+/]+=*} and nothing else, or the request is refused as {@code
     * invalid_token}.
     */
    static final class BearerTokenConverter implements ServerAuthenticationConverter {
        private static final String SCHEME = "bearer";

        @Override
        public Mono<Authentication> convert(ServerWebExchange exchange) {
            String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
                return Mono.empty();
            }
            String token = token(authorization);
            if (token == null) {
                return Mono.error(
                        new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
            }
            return Mono.just(new BearerTokenAuthenticationToken(token));
        }

        /** The token of {@code Bearer <token>}, or null when the header is not exactly that. */
        static String token(String authorization) {
            int start = SCHEME.length() + 1;
            if (authorization.length() <= start || !authorization.regionMatches(true, 0, "bearer ", 0, start)) {
                return null;
            }
            int i = start;
            int end = authorization.length();
            while (i < end && tokenCharacter(authorization.charAt(i))) {
                i++;
            }
            if (i == start) {
                return null;
            }
            while (i < end && authorization.charAt(i) == '=') {
                i++;
            }
            return i == end ? authorization.substring(start) : null;
        }

        private static boolean tokenCharacter(char c) {
            return (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '+'
                    || c == '/';
        }
    }
}
