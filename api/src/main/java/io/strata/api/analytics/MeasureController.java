package io.strata.api.analytics;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** GraphQL mutations of the semantic layer: named measures. */
@Controller
class MeasureController {

    private final Measures measures;

    MeasureController(Measures measures) {
        this.measures = measures;
    }

    @MutationMapping
    Mono<MeasureDefinition> defineMeasure(
            @Argument String dataset, @Argument String name, @Argument String expression) {
        return Mono.defer(() -> measures.define(dataset, name, expression));
    }

    @MutationMapping
    Mono<Boolean> dropMeasure(@Argument String dataset, @Argument String name) {
        return Mono.defer(() -> measures.drop(dataset, name));
    }

    @SchemaMapping(typeName = "Measure", field = "expression")
    String expression(MeasureDefinition measure) {
        return measure.expressionText();
    }
}
