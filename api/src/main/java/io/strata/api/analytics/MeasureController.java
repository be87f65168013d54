package io.strata.api.analytics;

import io.strata.api.security.Audited;
import io.strata.api.security.SecurityScopes;
import io.strata.ingestion.audit.AuditAction;
import io.strata.ingestion.audit.AuditTrail;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** GraphQL mutations of the semantic layer: named measures. */
@Controller
class MeasureController {

    private final Measures measures;
    private final SecurityScopes scopes;
    private final AuditTrail audit;

    MeasureController(Measures measures, SecurityScopes scopes, AuditTrail audit) {
        this.measures = measures;
        this.scopes = scopes;
        this.audit = audit;
    }

    @MutationMapping
    Mono<MeasureDefinition> defineMeasure(
            @Argument String dataset, @Argument String name, @Argument String expression) {
        return scopes.current()
                .flatMap(caller -> Audited.of(
                        audit,
                        caller.actor(),
                        AuditAction.DEFINE_MEASURE,
                        dataset,
                        name,
                        expression,
                        Mono.defer(() -> measures.define(dataset, name, expression, caller))));
    }

    @MutationMapping
    Mono<Boolean> dropMeasure(@Argument String dataset, @Argument String name) {
        return scopes.current()
                .flatMap(caller -> Audited.of(
                        audit,
                        caller.actor(),
                        AuditAction.DROP_MEASURE,
                        dataset,
                        name,
                        null,
                        Mono.defer(() -> measures.drop(dataset, name, caller))));
    }

    @SchemaMapping(typeName = "Measure", field = "expression")
    String expression(MeasureDefinition measure) {
        return measure.expressionText();
    }
}
