package io.strata.api.security;

import io.strata.ingestion.audit.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;

/**
 * One security context for every path: a bearer JWT validated by Spring Security's resource server, roles read
 * from the configured claim. HTTP GraphQL, SSE and REST authenticate from the {@code Authorization} header; the
 * GraphQL WebSocket from its {@code connection_init} payload ({@link GraphQlAccess}), through the same
 * authentication manager.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    @Bean
    SecurityWebFilterChain securityFilterChain(
            ServerHttpSecurity http, JwtReactiveAuthenticationManager jwtAuthentication, ScrapeSettings scrape) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable) // bearer tokens only: no cookie to forge
                // Stateless: no web session is looked up or created for a request (creating one costs two thread
                // hops, a SecureRandom id on boundedElastic and back on parallel, on every request).
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/oauth2/token", "/oauth2/jwks")
                        .permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        // The WebSocket handshake carries no header a browser can set: it authenticates in
                        // connection_init, before any operation runs.
                        .pathMatchers(HttpMethod.GET, "/graphql")
                        .permitAll()
                        .pathMatchers("/graphql", "/graphql/**")
                        .hasAuthority(Role.VIEWER.authority())
                        .pathMatchers(HttpMethod.POST, "/api/v1/datasets/*/uploads", "/api/v1/schema/detect")
                        .hasAuthority(Role.ANALYST.authority())
                        .pathMatchers("/api/**")
                        .hasAuthority(Role.VIEWER.authority())
                        // Metrics: an admin, or the scraper's own token when one is configured (strata.metrics).
                        .pathMatchers("/actuator/prometheus")
                        .hasAnyAuthority(Role.ADMIN.authority(), ScrapeAuthentication.AUTHORITY)
                        .pathMatchers("/actuator/**")
                        .hasAuthority(Role.ADMIN.authority())
                        // The SQL endpoint (#17): Druid's SQL HTTP API needs a viewer's bearer token; Avatica's
                        // JDBC protocol sends the token as the connection's password, checked in its own handler.
                        .pathMatchers("/druid/v2/sql/avatica/**", "/druid/v2/sql/avatica-protobuf/**")
                        .permitAll()
                        .pathMatchers("/druid/**")
                        .hasAuthority(Role.VIEWER.authority())
                        // The dashboard's files and GraphiQL: public pages that call the API with a token.
                        .anyExchange()
                        .permitAll())
                .oauth2ResourceServer(server -> server.jwt(
                        jwt -> jwt.authenticationManager(ScrapeAuthentication.around(jwtAuthentication, scrape))))
                .build();
    }

    /**
     * Whichever decoder validates tokens (Boot's, for an identity provider, or the local issuer's) remembers what it
     * decoded ({@link CachingJwtDecoder}), for the HTTP filter chain and the WebSocket's {@code connection_init}
     * alike.
     */
    @Bean
    static BeanPostProcessor cachingJwtDecoders(ObjectProvider<SecuritySettings> settings) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof ReactiveJwtDecoder decoder) || bean instanceof CachingJwtDecoder) {
                    return bean;
                }
                SecuritySettings.TokenCache cache = settings.getObject().tokenCache();
                return cache.maxEntries() == 0 || cache.ttl().isZero()
                        ? decoder
                        : new CachingJwtDecoder(decoder, cache, Clock.systemUTC());
            }
        };
    }

    /**
     * No Micrometer observation around each filter of the security chain, nor around authentication and
     * authorization: they timed a dozen steps of every request, a sizeable share of a cached answer's CPU, and
     * {@code http.server.requests} already times each whole request, with its status (401 and 403 included).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ReactiveJwtAuthenticationConverter jwtAuthenticationConverter(SecuritySettings settings) {
        RolesClaim roles = new RolesClaim(settings.rolesClaim());
        ReactiveJwtAuthenticationConverter converter = new ReactiveJwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> Flux.fromIterable(roles.authorities(jwt)));
        return converter;
    }

    @Bean
    JwtReactiveAuthenticationManager jwtAuthenticationManager(
            ReactiveJwtDecoder decoder, ReactiveJwtAuthenticationConverter converter) {
        JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
        manager.setJwtAuthenticationConverter(converter);
        return manager;
    }

    /**
     * Right after the correlation id, before every other GraphQL interceptor: nothing (rate limits, limits,
     * execution) runs for an unknown caller.
     */
    @Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 5)
    GraphQlAccess graphQlAccess(
            JwtReactiveAuthenticationManager authentication, SecurityScopes scopes, AuditTrail audit) {
        return new GraphQlAccess(authentication, Clock.systemUTC(), scopes, audit);
    }

    /** The local profile's issuer and the decoder that trusts it; a production IdP is configured by Boot. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "strata.security.local-issuer.enabled", havingValue = "true")
    static class LocalIssuerConfiguration {

        @Bean
        LocalTokenIssuer localTokenIssuer(SecuritySettings settings, Environment environment) {
            return new LocalTokenIssuer(settings, environment, Clock.systemUTC());
        }

        @Bean
        RouterFunction<ServerResponse> localTokenRoutes(LocalTokenIssuer issuer) {
            LocalTokenEndpoints endpoints = new LocalTokenEndpoints(issuer);
            return RouterFunctions.route()
                    .POST("/oauth2/token", endpoints::token)
                    .GET("/oauth2/jwks", endpoints::jwks)
                    .build();
        }

        @Bean
        ReactiveJwtDecoder localJwtDecoder(LocalTokenIssuer issuer, SecuritySettings settings) {
            // The one key the issuer signs with, converted once (a JWK source would convert it on every token).
            java.security.interfaces.RSAPublicKey key;
            try {
                key = issuer.publicKeys().getKeys().get(0).toRSAKey().toRSAPublicKey();
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new IllegalStateException("the local issuer's key is not an RSA public key", e);
            }
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(key)
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
            decoder.setJwtValidator(validator(issuer.issuer(), settings.audience()));
            return decoder;
        }
    }

    /** Issuer, audience, and expiry / not-before with a little clock skew. */
    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(CLOCK_SKEW),
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)));
    }
}
