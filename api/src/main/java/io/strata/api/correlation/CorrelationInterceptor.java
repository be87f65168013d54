package io.strata.api.correlation;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Gives every GraphQL request a correlation id (the client's {@value CorrelationId#HEADER} when plain, else the
 * request's trace id, else a new one), puts it in the Reactor context for the data fetchers and the Druid queries they run, and answers it in the
 * same header.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return Mono.deferContextual(context -> {
            String id = CorrelationId.acceptOrTrace(request.getHeaders().getFirst(CorrelationId.HEADER), context);
            return chain.next(request)
                    .doOnNext(response -> response.getResponseHeaders().set(CorrelationId.HEADER, id))
                    .contextWrite(Context.of(CorrelationId.KEY, id));
        });
    }
}
