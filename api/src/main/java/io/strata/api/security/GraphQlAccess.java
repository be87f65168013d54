package io.strata.api.security;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import io.strata.ingestion.audit.AuditAction;
import io.strata.ingestion.audit.AuditEntry;
import io.strata.ingestion.audit.AuditOutcome;
import io.strata.ingestion.audit.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Authorization of every GraphQL operation, whatever the transport: the caller must be authenticated and hold the
 * role its root fields need ({@link OperationPolicy}), or nothing executes. Over WebSocket the token comes in
 * {@code connection_init} ({@code {"Authorization": "Bearer ..."}}) and is checked by the same authentication
 * manager as HTTP's; a subscription ends with an error when the token it was started with expires.
 */
final class GraphQlAccess implements WebSocketGraphQlInterceptor {

    private static final String AUTHENTICATION = GraphQlAccess.class.getName() + ".authentication";

    /** The audit action of each mutation, so a refused one is recorded. */
    private static final Map<String, AuditAction> AUDITED = Map.of(
            "cancelIngestion", AuditAction.CANCEL,
            "defineMeasure", AuditAction.DEFINE_MEASURE,
            "dropMeasure", AuditAction.DROP_MEASURE,
            "grantDatasetAccess", AuditAction.GRANT_ACCESS,
            "revokeDatasetAccess", AuditAction.REVOKE_ACCESS,
            "setRowPolicy", AuditAction.SET_ROW_POLICY,
            "dropRowPolicy", AuditAction.DROP_ROW_POLICY);

    private final JwtReactiveAuthenticationManager authentication;
    private final Clock clock;
    private final SecurityScopes scopes;
    private final AuditTrail audit;

    GraphQlAccess(
            JwtReactiveAuthenticationManager authentication, Clock clock, SecurityScopes scopes, AuditTrail audit) {
        this.authentication = authentication;
        this.clock = clock;
        this.scopes = scopes;
        this.audit = audit;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        Optional<String> token = bearer(payload);
        if (token.isEmpty()) {
            return Mono.error(new InvalidBearerTokenException(
                    "connection_init must carry {\"Authorization\": \"Bearer <token>\"}"));
        }
        return authentication
                .authenticate(new BearerTokenAuthenticationToken(token.get()))
                .doOnNext(caller -> session.getAttributes().put(AUTHENTICATION, caller))
                .then(Mono.empty());
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, WebGraphQlInterceptor.Chain chain) {
        return caller(request)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> {
                    if (caller.isEmpty()) {
                        return Mono.just(refused(request, ErrorType.UNAUTHORIZED, "UNAUTHORIZED", "sign in first"));
                    }
                    OperationPolicy.Decision decision = OperationPolicy.decide(
                            request.getDocument(), request.getOperationName(), roles(caller.get()));
                    if (!decision.allowed()) {
                        WebGraphQlResponse refusal =
                                refused(request, ErrorType.FORBIDDEN, "FORBIDDEN", decision.reason());
                        AuditAction action = decision.mutation() ? AUDITED.get(decision.field()) : null;
                        if (action == null) {
                            return Mono.just(refusal);
                        }
                        SecurityScope scope = scopes.scope(caller.get());
                        return audit.record(AuditEntry.of(
                                        scope.actor(), action, null, null, AuditOutcome.DENIED, decision.reason()))
                                .thenReturn(refusal);
                    }
                    return chain.next(request)
                            .map(response -> decision.subscription() ? expiring(response, caller.get()) : response)
                            .contextWrite(ReactiveSecurityContextHolder.withAuthentication(caller.get()));
                });
    }

    private static Mono<Authentication> caller(WebGraphQlRequest request) {
        Mono<Authentication> caller = request instanceof WebSocketGraphQlRequest ws
                ? Mono.justOrEmpty(
                        (Authentication) ws.getSessionInfo().getAttributes().get(AUTHENTICATION))
                : ReactiveSecurityContextHolder.getContext().mapNotNull(SecurityContext::getAuthentication);
        return caller.filter(a -> a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken));
    }

    private static java.util.Set<Role> roles(Authentication caller) {
        java.util.Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : caller.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    /** A subscription's stream ends with an error once the token that opened it expires. */
    private WebGraphQlResponse expiring(WebGraphQlResponse response, Authentication caller) {
        if (!(caller instanceof JwtAuthenticationToken jwt) || jwt.getToken().getExpiresAt() == null) {
            return response;
        }
        Object data = response.getExecutionResult().getData();
        if (!(data instanceof Publisher<?> stream)) {
            return response;
        }
        Instant expiresAt = jwt.getToken().getExpiresAt();
        Duration remaining = Duration.between(clock.instant(), expiresAt);
        Flux<?> limited = Flux.from(stream)
                .takeUntilOther(Mono.delay(remaining.isNegative() ? Duration.ZERO : remaining))
                .concatWith(Mono.defer(() -> clock.instant().isBefore(expiresAt)
                        ? Mono.empty()
                        : Mono.error(new InvalidBearerTokenException(
                                "the token expired at " + expiresAt + ": subscribe again with a fresh token"))));
        return response.transform(builder -> builder.data(limited));
    }

    private static WebGraphQlResponse refused(WebGraphQlRequest request, ErrorType type, String code, String message) {
        ExecutionResult result = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError()
                        .errorType(type)
                        .message(message)
                        .extensions(Map.of("code", code))
                        .build())
                .build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
    }

    private static Optional<String> bearer(Map<String, Object> payload) {
        if (payload == null) {
            return Optional.empty();
        }
        for (String key : new String[] {"Authorization", "authorization"}) {
            if (payload.get(key) instanceof String value && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.of(value.substring(7).trim());
            }
        }
        return payload.get("token") instanceof String token && !token.isBlank()
                ? Optional.of(token.trim())
                : Optional.empty();
    }
}
