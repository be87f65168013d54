package io.strata.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.strata.api.TestTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.test.StepVerifier;

/**
 * Every path refuses what it must: forged, stale or misdirected tokens get 401 and run nothing; each role may do
 * exactly its operations, over HTTP and WebSocket alike.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityIT {

    private static final String QUERY = "{\"query\": \"{ datasets { name } }\"}";
    private static final String TARGET = "attack_target";

    @LocalServerPort
    int port;

    @Autowired
    LocalTokenIssuer issuer;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .build();
    }

    static Stream<Arguments> attacks() {
        return Stream.of(
                Arguments.of("missing", (Forger) i -> null),
                Arguments.of("expired", (Forger) i -> i.sign(
                        claims(i).issueTime(ago(180)).expirationTime(ago(120)).build())),
                Arguments.of("not yet valid", (Forger)
                        i -> i.sign(claims(i).notBeforeTime(in(600)).build())),
                Arguments.of("wrong issuer", (Forger)
                        i -> i.sign(claims(i).issuer("https://evil.example").build())),
                Arguments.of("wrong audience", (Forger)
                        i -> i.sign(claims(i).audience("other-api").build())),
                Arguments.of("tampered signature", (Forger) SecurityIT::tampered),
                Arguments.of("alg none", (Forger) SecurityIT::unsigned),
                Arguments.of("HS256 signed with the public key", (Forger) SecurityIT::hmacWithPublicKey),
                Arguments.of("signed by an unknown key", (Forger) SecurityIT::foreignKey));
    }

    @ParameterizedTest(name = "{0} token")
    @MethodSource("attacks")
    void refusesTheTokenWith401AndRunsNothing(String attack, Forger forger) throws Exception {
        String token = forger.forge(issuer);

        http.post()
                .uri("/graphql")
                .headers(h -> bearer(h, token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(QUERY)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.post()
                .uri("/api/v1/datasets/{dataset}/uploads", TARGET)
                .headers(h -> bearer(h, token))
                .body(BodyInserters.fromMultipartData(csv()))
                .exchange()
                .expectStatus()
                .isUnauthorized();

        assertThat(tasksOf(TARGET)).as("tasks created by a refused upload").isEmpty();
    }

    @Test
    void aViewerQueriesButMayNeitherUploadNorCancel() {
        WebTestClient viewer = TestTokens.client(port, "strata-viewer");

        viewer.post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(QUERY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.errors")
                .doesNotExist()
                .jsonPath("$.data.datasets")
                .isArray();
        viewer.post()
                .uri("/api/v1/datasets/{dataset}/uploads", "viewer_upload")
                .body(BodyInserters.fromMultipartData(csv()))
                .exchange()
                .expectStatus()
                .isForbidden();
        viewer.post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(cancel(UUID.randomUUID()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.errors[0].extensions.code")
                .isEqualTo("FORBIDDEN")
                .jsonPath("$.data")
                .doesNotExist();
        assertThat(tasksOf("viewer_upload")).isEmpty();
    }

    @Test
    void anAnalystPassesAuthorizationForUploadsAndMutations() {
        WebTestClient analyst = TestTokens.client(port, "strata-analyst");

        // An empty file is refused for what it is, not for who sent it.
        HttpStatus status = (HttpStatus) analyst.post()
                .uri("/api/v1/datasets/{dataset}/uploads", "analyst_empty")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("")
                .exchange()
                .returnResult(String.class)
                .getStatus();
        assertThat(status.value()).isNotIn(401, 403).isBetween(400, 499);
        analyst.post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(cancel(UUID.randomUUID()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                // No such task: the mutation ran and said so.
                .jsonPath("$.errors[0].extensions.code")
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void theTokenEndpointAuthenticatesTheClientAndOnlyGrantsClientCredentials() {
        http.post()
                .uri("/oauth2/token")
                .headers(h -> h.setBasicAuth("strata-admin", "wrong"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_client");
        http.post()
                .uri("/oauth2/token")
                .headers(h -> h.setBasicAuth("strata-admin", "strata-admin"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "password"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("unsupported_grant_type");
        http.get()
                .uri("/oauth2/jwks")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.keys[0].kty")
                .isEqualTo("RSA")
                .jsonPath("$.keys[0].d")
                .doesNotExist();
    }

    @Test
    void aWebSocketAuthenticatesInConnectionInitOrIsClosed() {
        URI url = URI.create("ws://localhost:" + port + "/graphql");
        WebSocketGraphQlClient anonymous = WebSocketGraphQlClient.builder(url, new ReactorNettyWebSocketClient())
                .build();
        StepVerifier.create(anonymous.document("{ datasets { name } }").execute())
                .expectError()
                .verify(Duration.ofSeconds(30));

        WebSocketGraphQlClient viewer = WebSocketGraphQlClient.builder(url, new ReactorNettyWebSocketClient())
                .interceptor(initPayload(Map.of("Authorization", "Bearer " + TestTokens.token(port, "strata-viewer"))))
                .build();
        StepVerifier.create(viewer.document("{ datasets { name } }").execute())
                .assertNext(response -> assertThat(response.isValid()).isTrue())
                .verifyComplete();
        StepVerifier.create(
                        viewer.document("mutation { cancelIngestion(id: \"" + UUID.randomUUID() + "\") { status } }")
                                .execute())
                .assertNext(response -> assertThat(response.getErrors())
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")))
                .verifyComplete();
        viewer.stop().block(Duration.ofSeconds(10));
    }

    @FunctionalInterface
    interface Forger {
        String forge(LocalTokenIssuer issuer) throws Exception;
    }

    private static JWTClaimsSet.Builder claims(LocalTokenIssuer issuer) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer.issuer())
                .subject("strata-admin")
                .audience("strata")
                .issueTime(new Date())
                .expirationTime(in(600))
                .claim("roles", List.of("admin"));
    }

    private static String tampered(LocalTokenIssuer issuer) throws Exception {
        String[] viewer = issuer.issue("strata-viewer").value().split("\\.");
        String admin = Base64URL.encode(claims(issuer).build().toString()).toString();
        return viewer[0] + "." + admin + "." + viewer[2];
    }

    private static String unsigned(LocalTokenIssuer issuer) {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String payload = Base64URL.encode(claims(issuer).build().toString()).toString();
        return header + "." + payload + ".";
    }

    private static String hmacWithPublicKey(LocalTokenIssuer issuer) throws Exception {
        byte[] publicKey =
                issuer.publicKeys().getKeys().get(0).toRSAKey().toPublicKey().getEncoded();
        SignedJWT jwt =
                new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(issuer).build());
        jwt.sign(new MACSigner(publicKey));
        return jwt.serialize();
    }

    private static String foreignKey(LocalTokenIssuer issuer) throws Exception {
        var key = new RSAKeyGenerator(2048).keyID("foreign").generate();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("foreign").build(),
                claims(issuer).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Date ago(int seconds) {
        return Date.from(Instant.now().minusSeconds(seconds));
    }

    private static Date in(int seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }

    private static void bearer(org.springframework.http.HttpHeaders headers, String token) {
        if (token != null) {
            headers.setBearerAuth(token);
        }
    }

    private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> csv() {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource("time,v\n2024-01-01T00:00:00Z,1\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "tiny.csv";
            }
        });
        return body.build();
    }

    private static String cancel(UUID id) {
        return "{\"query\": \"mutation { cancelIngestion(id: \\\"" + id + "\\\") { status } }\"}";
    }

    private static WebSocketGraphQlClientInterceptor initPayload(Map<String, Object> payload) {
        return new WebSocketGraphQlClientInterceptor() {
            @Override
            public reactor.core.publisher.Mono<Object> connectionInitPayload() {
                return reactor.core.publisher.Mono.just(payload);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private List<?> tasksOf(String dataset) {
        Map<String, Object> answer = TestTokens.client(port, "strata-admin")
                .post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\": \"{ ingestionTasks(dataset: \\\"" + dataset
                        + "\\\") { edges { node { id } } } }\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> data = (Map<String, Object>) answer.get("data");
        assertThat(data).as("ingestionTasks answered: %s", answer).isNotNull();
        return (List<?>) ((Map<String, Object>) data.get("ingestionTasks")).get("edges");
    }
}
