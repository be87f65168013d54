package io.strata.api.sql.http;

import io.strata.api.correlation.CorrelationId;
import io.strata.api.security.SecurityScope;
import io.strata.api.security.SecurityScopes;
import io.strata.api.sql.Dialect;
import io.strata.api.sql.QueryContext;
import io.strata.api.sql.ResultPart;
import io.strata.api.sql.SessionView;
import io.strata.api.sql.SqlEngine;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlScanner;
import io.strata.api.sql.SqlState;
import io.strata.api.sql.StatementKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Druid's SQL HTTP API on Strata: {@code POST /druid/v2/sql} with Druid's request and response formats, so Druid's
 * HTTP clients point at Strata unchanged, with a bearer token (viewer and above; Spring Security checks it). The
 * query runs through the SQL endpoint's engine, so the caller's datasets, row filters, limits and audit apply, and
 * its answer streams in the format asked. {@code DELETE /druid/v2/sql/{sqlQueryId}} cancels one's own query.
 */
@Configuration(proxyBeanMethods = false)
class DruidSqlEndpoint {

    private static final Logger log = LoggerFactory.getLogger(DruidSqlEndpoint.class);

    private final SqlEngine engine;
    private final SecurityScopes scopes;
    private final JsonMapper json;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentMap<String, Running> running = new ConcurrentHashMap<>();

    DruidSqlEndpoint(SqlEngine engine, SecurityScopes scopes, JsonMapper json) {
        this.engine = engine;
        this.scopes = scopes;
        this.json = json;
    }

    /** A query in flight: whose it is, and how to end it. */
    private record Running(String subject, Sinks.Empty<Void> cancel) {}

    @Bean
    RouterFunction<ServerResponse> druidSqlRoutes() {
        return RouterFunctions.route()
                .POST("/druid/v2/sql", this::query)
                .POST("/druid/v2/sql/", this::query)
                .DELETE("/druid/v2/sql/{id}", this::cancel)
                .build();
    }

    Mono<ServerResponse> query(ServerRequest request) {
        return Mono.deferContextual(trace -> query(
                request, CorrelationId.acceptOrTrace(request.headers().firstHeader(CorrelationId.HEADER), trace)));
    }

    private Mono<ServerResponse> query(ServerRequest request, String correlation) {
        return request.bodyToMono(JsonNode.class)
                .switchIfEmpty(Mono.error(
                        () -> new SqlException(SqlState.INVALID_PARAMETER_VALUE, "the body must be a JSON object")))
                .onErrorMap(
                        e -> !(e instanceof SqlException),
                        e -> new SqlException(SqlState.INVALID_PARAMETER_VALUE, "the body is not valid JSON"))
                .map(DruidSqlRequest::of)
                .zipWith(scopes.current())
                .flatMap(both -> run(both.getT1(), both.getT2(), correlation))
                .onErrorResume(SqlException.class, e -> error(e, null, correlation));
    }

    private Mono<ServerResponse> run(DruidSqlRequest request, SecurityScope caller, String correlation) {
        String proposed = request.context().get("sqlQueryId") instanceof String s ? s : correlation;
        String sqlQueryId = "strata-" + CorrelationId.acceptOrCreate(proposed) + "-" + sequence.incrementAndGet();
        SqlScanner.Statement statement = SqlScanner.single(request.query(), Dialect.DRUID);
        StatementKind kind = StatementKind.of(statement);
        QueryContext context = context(request, sqlQueryId);
        if (kind != StatementKind.QUERY) {
            SqlException refusal = kind == StatementKind.SESSION
                    ? SqlException.notSupported(
                            statement.first().toUpperCase(java.util.Locale.ROOT) + " is not supported over HTTP",
                            "give query context in the request's \"context\"")
                    : StatementKind.refusal(statement);
            return engine.refused(caller, context, refusal).then(error(refusal, sqlQueryId, correlation));
        }
        SessionView session = session(caller, request);
        return engine.plan(statement, Dialect.DRUID, caller, context)
                .flatMap(plan -> {
                    Sinks.Empty<Void> cancel = Sinks.empty();
                    running.put(sqlQueryId, new Running(caller.subject(), cancel));
                    AtomicBoolean canceled = new AtomicBoolean();
                    Flux<ResultPart> parts = engine.run(plan, request.parameters(), caller, session, context)
                            .takeUntilOther(cancel.asMono().doOnTerminate(() -> canceled.set(true)))
                            .concatWith(Mono.defer(() -> canceled.get()
                                    ? Mono.error(new SqlException(
                                            SqlState.QUERY_CANCELED, "canceling statement due to user request"))
                                    : Mono.empty()))
                            .doFinally(signal -> running.remove(sqlQueryId));
                    ServerResponse.BodyBuilder response = ServerResponse.ok()
                            .contentType(
                                    MediaType.parseMediaType(request.format().contentType()))
                            .header("X-Druid-SQL-Query-Id", sqlQueryId)
                            .header(CorrelationId.HEADER, correlation);
                    if (request.header()) {
                        response.header("X-Druid-SQL-Header-Included", "yes");
                    }
                    return response.body(body(parts, request, sqlQueryId));
                })
                .onErrorResume(SqlException.class, e -> error(e, sqlQueryId, correlation));
    }

    /** The encoded answer; an error before its first byte becomes an error response, after it ends the answer. */
    private BodyInserter<Flux<DataBuffer>, org.springframework.http.ReactiveHttpOutputMessage> body(
            Flux<ResultPart> parts, DruidSqlRequest request, String sqlQueryId) {
        return (message, inserter) -> {
            ServerHttpResponse response = (ServerHttpResponse) message;
            DataBufferFactory buffers = response.bufferFactory();
            ResultEncoder encoder = new ResultEncoder(request);
            AtomicBoolean started = new AtomicBoolean();
            Flux<DataBuffer> encoded = parts.map(encoder::encode)
                    .concatWith(Mono.fromSupplier(encoder::end))
                    .buffer(64)
                    .map(chunks -> {
                        started.set(true);
                        return join(buffers, chunks);
                    })
                    .onErrorResume(e -> {
                        SqlException failure = e instanceof SqlException sql
                                ? sql
                                : new SqlException(SqlState.INTERNAL_ERROR, "the query failed in the server");
                        if (started.get()) {
                            // as Druid does: the answer ends early (no closing bracket, no trailer line)
                            log.info("SQL query {} failed while streaming: {}", sqlQueryId, failure.getMessage());
                            return Flux.empty();
                        }
                        response.setStatusCode(DruidSqlErrors.status(failure));
                        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
                        response.getHeaders().remove("X-Druid-SQL-Header-Included");
                        return Flux.just(buffers.wrap(DruidSqlErrors.body(failure, sqlQueryId, json)));
                    });
            return response.writeWith(encoded);
        };
    }

    private static DataBuffer join(DataBufferFactory buffers, List<byte[]> chunks) {
        int size = 0;
        for (byte[] chunk : chunks) {
            size += chunk.length;
        }
        DataBuffer buffer = buffers.allocateBuffer(size);
        for (byte[] chunk : chunks) {
            buffer.write(chunk);
        }
        return buffer;
    }

    Mono<ServerResponse> cancel(ServerRequest request) {
        String id = request.pathVariable("id");
        return scopes.current().flatMap(caller -> {
            Running query = running.get(id);
            if (query == null || !query.subject().equals(caller.subject())) {
                return ServerResponse.notFound().build();
            }
            query.cancel().tryEmitEmpty();
            return ServerResponse.accepted().build();
        });
    }

    private Mono<ServerResponse> error(SqlException e, String sqlQueryId, String correlation) {
        HttpStatus status = DruidSqlErrors.status(e);
        ServerResponse.BodyBuilder response = ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .header(CorrelationId.HEADER, correlation);
        if (sqlQueryId != null) {
            response.header("X-Druid-SQL-Query-Id", sqlQueryId);
        }
        return response.bodyValue(DruidSqlErrors.body(e, sqlQueryId, json));
    }

    private QueryContext context(DruidSqlRequest request, String sqlQueryId) {
        Map<String, Object> druid = new LinkedHashMap<>(request.context());
        druid.remove("sqlQueryId");
        Object timeout = druid.remove("timeout");
        Duration asked = timeout instanceof Number n && n.longValue() > 0 ? Duration.ofMillis(n.longValue()) : null;
        return new QueryContext(Dialect.DRUID, "http", sqlQueryId, asked, druid);
    }

    private static SessionView session(SecurityScope caller, DruidSqlRequest request) {
        String zone = request.context().get("sqlTimeZone") instanceof String z ? z : "UTC";
        return new SessionView() {
            @Override
            public String database() {
                return "druid";
            }

            @Override
            public String user() {
                return caller.subject();
            }

            @Override
            public Optional<String> setting(String name) {
                return name.equalsIgnoreCase("TimeZone") ? Optional.of(zone) : Optional.empty();
            }
        };
    }
}
