package io.strata.api.sql;

import reactor.core.publisher.Flux;

/**
 * Druid SQL answered as a stream of rows, never held whole in memory.
 *
 * <p>The answer is a {@link ResultPart.Header} and then the rows, produced as the subscriber requests them (the
 * broker's response is read only as fast as rows are consumed). Cancelling the subscription cancels the query in
 * Druid. Errors are {@link SqlException}s with the SQLSTATE of the problem (42703 unknown column, 57014 timeout,
 * 53400 a limit of {@link DruidStatement}, ...), their messages free of Druid's internals. Nothing blocks.
 */
public interface DruidRows {

    Flux<ResultPart> stream(DruidStatement statement);
}
