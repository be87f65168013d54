package io.strata.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/** The header checks decide exactly as Spring Security's regular expressions do. */
class HeaderChecksTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdHJhdGEtYW5hbHlzdCJ9.c2lnbmF0dXJl-_~+/";

    @Test
    void headerNamesAndValuesAreJudgedAsTheFirewallsPatternsJudgeThem() {
        List<String> samples = new ArrayList<>(List.of(
                "",
                "Authorization",
                "Bearer " + JWT,
                "a\tb",
                "a\nb",
                "a\rb",
                "\u0000",
                "x\u007F",
                "\u0085",
                "caf\u00e9",
                "\u0378",
                "\uD83D\uDE00",
                "\uD83D",
                "\uDE00x",
                "\uFFFF",
                "\u00A0",
                "\u200B"));
        SplittableRandom random = new SplittableRandom(17);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(6); k > 0; k--) {
                int pick = random.nextInt(4);
                int c = pick == 0
                        ? random.nextInt(0x100)
                        : pick == 1
                                ? random.nextInt(0x10000)
                                : pick == 2 ? random.nextInt(0x110000) : 0x20 + random.nextInt(0x5F);
                text.appendCodePoint(c);
            }
            samples.add(text.toString());
        }
        assertThat(HeaderChecks.allowedValue(null))
                .as("an absent header")
                .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(null))
                .isTrue();
        for (String sample : samples) {
            assertThat(HeaderChecks.allowedName(sample))
                    .as("name %s", escaped(sample))
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(sample));
            assertThat(HeaderChecks.allowedValue(sample))
                    .as("value %s", escaped(sample))
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(sample));
        }
    }

    @Test
    void bearerTokensAreReadAsSpringSecurityReadsThem() {
        List<String> headers = List.of(
                "Bearer " + JWT,
                "bearer " + JWT,
                "BEARER " + JWT + "==",
                "Bearer abc=",
                "Bearer ",
                "Bearer",
                "Bearer  " + JWT,
                "Bearer " + JWT + " ",
                "Bearer " + JWT + "=x",
                "Bearer ab,cd",
                "Bearer =abc",
                "Bearerx abc",
                "Basic c3RyYXRhOnN0cmF0YQ==",
                "Token abc",
                "");
        ServerBearerTokenAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();
        HeaderChecks.BearerTokenConverter ours = new HeaderChecks.BearerTokenConverter();
        for (String header : headers) {
            assertThat(outcome(ours, header)).as(header).isEqualTo(outcome(spring, header));
        }
        assertThat(outcome(ours, null)).isEqualTo(outcome(spring, null)).isEqualTo("none");
        assertThat(outcome(ours, "Bearer " + JWT)).isEqualTo("token " + JWT);
        assertThat(outcome(ours, "Bearer a b")).isEqualTo("invalid_token");
    }

    /** "token T", "none" or the OAuth2 error code. */
    private static String outcome(
            org.springframework.security.web.server.authentication.ServerAuthenticationConverter converter,
            String authorization) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/graphql");
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        try {
            return converter
                    .convert(MockServerWebExchange.from(request))
                    .map(auth -> "token " + ((BearerTokenAuthenticationToken) auth).getToken())
                    .onErrorResume(
                            OAuth2AuthenticationException.class,
                            e -> reactor.core.publisher.Mono.just(e.getError().getErrorCode()))
                    .defaultIfEmpty("none")
                    .block();
        } catch (OAuth2AuthenticationException e) {
            return e.getError().getErrorCode();
        }
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(String.format("\\u{%X}", c)));
        return out.toString();
    }
}
