package io.strata.api.analytics;

import io.strata.api.analytics.expression.Expression;
import java.util.Map;
import reactor.core.publisher.Mono;

/** The user-defined measures of datasets, stored durably. Expressions are stored in their canonical text. */
public interface MeasureDefinitions {

    /** The measures defined on a dataset, by name; empty when none. */
    Mono<Map<String, Expression>> of(String dataset);

    /** Creates or replaces a measure. */
    Mono<Void> save(String dataset, String name, Expression expression);

    /** @return true when the measure existed */
    Mono<Boolean> delete(String dataset, String name);
}
