package io.strata.api.sql.avatica;

import io.strata.api.sql.SqlCallers;
import io.strata.api.sql.SqlEngine;
import io.strata.api.sql.SqlSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.Handler;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Druid's Avatica JDBC endpoints on Strata: {@code /druid/v2/sql/avatica/} (JSON) and
 * {@code /druid/v2/sql/avatica-protobuf/}, so {@code jdbc:avatica:remote:url=http://host:8080/druid/v2/sql/avatica/}
 * works with the bearer token as the password. The request body is read without blocking; avatica-core's handler,
 * which blocks, runs on the bounded {@code sql-avatica} scheduler.
 */
@Configuration(proxyBeanMethods = false)
class AvaticaEndpoint implements DisposableBean {

    private final JsonHandler json;
    private final ProtobufHandler protobuf;
    private final Scheduler scheduler;
    private final Scheduler rows;

    AvaticaEndpoint(SqlEngine engine, SqlCallers callers, SqlSettings settings) {
        SqlSettings.Avatica avatica = settings.avatica();
        AvaticaConnections connections = new AvaticaConnections(avatica.connectionIdleTimeout());
        this.scheduler = Schedulers.newBoundedElastic(avatica.threads(), 1_000, "sql-avatica");
        this.rows = Schedulers.newBoundedElastic(avatica.threads(), 10_000, "sql-avatica-rows");
        StrataMeta meta = new StrataMeta(engine, callers, connections, avatica.frameSize(), Clock.systemUTC(), rows);
        LocalService service = new LocalService(meta);
        this.json = new JsonHandler(service, NoopMetricsSystem.getInstance());
        this.protobuf = new ProtobufHandler(service, new ProtobufTranslationImpl(), NoopMetricsSystem.getInstance());
    }

    @Bean
    RouterFunction<ServerResponse> avaticaRoutes() {
        return RouterFunctions.route()
                .POST("/druid/v2/sql/avatica", this::json)
                .POST("/druid/v2/sql/avatica/", this::json)
                .POST("/druid/v2/sql/avatica-protobuf", this::protobuf)
                .POST("/druid/v2/sql/avatica-protobuf/", this::protobuf)
                .build();
    }

    Mono<ServerResponse> json(ServerRequest request) {
        return request.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .publishOn(scheduler)
                .map(body -> json.apply(new String(body, StandardCharsets.UTF_8)))
                .flatMap(answer -> respond(
                        answer, answer.getResponse().getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON));
    }

    Mono<ServerResponse> protobuf(ServerRequest request) {
        return request.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .publishOn(scheduler)
                .map(protobuf::apply)
                .flatMap(answer -> respond(answer, answer.getResponse(), MediaType.APPLICATION_OCTET_STREAM));
    }

    private static Mono<ServerResponse> respond(Handler.HandlerResponse<?> answer, byte[] body, MediaType type) {
        return ServerResponse.status(HttpStatus.valueOf(answer.getStatusCode()))
                .contentType(type)
                .bodyValue(body);
    }

    @Override
    public void destroy() {
        scheduler.dispose();
        rows.dispose();
    }
}
