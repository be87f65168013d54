package io.strata.api.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /oauth2/token} (the client-credentials grant, client authenticated by HTTP Basic or by
 * {@code client_id}/{@code client_secret} form fields, as RFC 6749 allows) and {@code GET /oauth2/jwks}.
 */
final class LocalTokenEndpoints {

    private final LocalTokenIssuer issuer;

    LocalTokenEndpoints(LocalTokenIssuer issuer) {
        this.issuer = issuer;
    }

    Mono<ServerResponse> token(ServerRequest request) {
        return request.formData().flatMap(form -> {
            String grant = form.getFirst("grant_type");
            if (!"client_credentials".equals(grant)) {
                return error(
                        HttpStatus.BAD_REQUEST,
                        "unsupported_grant_type",
                        "only grant_type=client_credentials is supported, got " + grant);
            }
            Optional<String> client = client(request.headers().firstHeader(HttpHeaders.AUTHORIZATION), form);
            if (client.isEmpty()) {
                return ServerResponse.status(HttpStatus.UNAUTHORIZED)
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"strata\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "error",
                                "invalid_client",
                                "error_description",
                                "unknown client or wrong secret; the dev clients are "
                                        + LocalTokenIssuer.CLIENTS.keySet() + ", each with its id as secret"));
            }
            // RSA signing is CPU work; keep it off the event loop.
            return Mono.fromCallable(() -> issuer.issue(client.get()))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(token -> ServerResponse.ok()
                            .contentType(MediaType.APPLICATION_JSON)
                            .header(HttpHeaders.CACHE_CONTROL, "no-store")
                            .bodyValue(Map.of(
                                    "access_token", token.value(),
                                    "token_type", "Bearer",
                                    "expires_in", token.expiresInSeconds())));
        });
    }

    Mono<ServerResponse> jwks(ServerRequest request) {
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(issuer.publicKeys().toJSONObject());
    }

    private Optional<String> client(String authorization, MultiValueMap<String, String> form) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            return colon < 0
                    ? Optional.empty()
                    : issuer.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        String id = form.getFirst("client_id");
        String secret = form.getFirst("client_secret");
        return id == null || secret == null ? Optional.empty() : issuer.authenticate(id, secret);
    }

    private static Mono<ServerResponse> error(HttpStatus status, String error, String description) {
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("error", error, "error_description", description));
    }
}
