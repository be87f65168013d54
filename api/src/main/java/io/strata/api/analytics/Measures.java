package io.strata.api.analytics;

import io.strata.api.analytics.expression.Expression;
import io.strata.api.analytics.expression.ExpressionException;
import io.strata.api.analytics.expression.MeasureExpressions;
import io.strata.api.security.DatasetAccess;
import io.strata.api.security.SecurityScope;
import io.strata.ingestion.StrataException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The semantic layer's write side: users define named measures over a dataset's columns and other measures. A
 * definition is parsed by our grammar and validated against the dataset as it is now — every column exists (and is
 * numeric where the aggregate needs it), every referenced measure exists, no cycle — before it is stored.
 */
@Service
public class Measures {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final DatasetModels models;
    private final MeasureDefinitions definitions;
    private final DatasetAccess access;

    Measures(DatasetModels models, MeasureDefinitions definitions, DatasetAccess access) {
        this.models = models;
        this.definitions = definitions;
        this.access = access;
    }

    public Mono<MeasureDefinition> define(String dataset, String name, String expressionText, SecurityScope caller) {
        return writable(dataset, caller).flatMap(model -> {
            Expression expression = validate(model, name, expressionText);
            return definitions
                    .save(dataset, name, expression)
                    .thenReturn(new MeasureDefinition(name, expression, false));
        });
    }

    public Mono<Boolean> drop(String dataset, String name, SecurityScope caller) {
        return writable(dataset, caller).flatMap(model -> {
            if (model.defaults().containsKey(name)) {
                return Mono.error(new StrataException.InvalidInput("name: '" + name
                        + "' is a default measure of dataset '" + dataset + "' and cannot be dropped"));
            }
            List<String> dependents = model.defined().entrySet().stream()
                    .filter(e -> !e.getKey().equals(name)
                            && e.getValue().references().contains(name))
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
            if (!dependents.isEmpty()) {
                return Mono.error(new StrataException.InvalidInput(
                        "name: measure '" + name + "' is used by " + dependents + "; drop or redefine those first",
                        Map.of("field", "name", "dependents", dependents)));
            }
            return definitions.delete(dataset, name);
        });
    }

    /** The dataset's model, when {@code caller} may change its measures (NOT_FOUND or FORBIDDEN otherwise). */
    private Mono<DatasetModel> writable(String dataset, SecurityScope caller) {
        return models.require(dataset, caller)
                .flatMap(model -> access.write(dataset, caller).thenReturn(model));
    }

    /** The parsed expression, when it is a valid new definition of {@code name} on the dataset. */
    static Expression validate(DatasetModel model, String name, String expressionText) {
        if (name == null || !NAME.matcher(name).matches() || MeasureExpressions.isKeyword(name)) {
            throw new StrataException.InvalidInput(
                    "name: '" + name + "' is not a measure name: use letters, digits and '_' (at most 64, not"
                            + " starting with a digit), and no aggregate or NULLIF keyword",
                    Map.of("field", "name"));
        }
        if (model.defaults().containsKey(name)) {
            throw new StrataException.InvalidInput(
                    "name: '" + name + "' is a default measure of dataset '" + model.name() + "'; choose another name",
                    Map.of("field", "name"));
        }
        if (model.view().column(name).isPresent()) {
            throw new StrataException.InvalidInput(
                    "name: '" + name + "' is a column of dataset '" + model.name() + "'; choose another name",
                    Map.of("field", "name"));
        }
        Expression expression;
        try {
            expression = MeasureExpressions.parse(expressionText);
        } catch (ExpressionException e) {
            throw new StrataException.InvalidInput(
                    "expression: " + e.getMessage(), Map.of("field", "expression", "position", e.position()));
        }
        if (expression.aggregations().isEmpty() && expression.references().isEmpty()) {
            throw new StrataException.InvalidInput(
                    "expression: '" + expressionText + "' aggregates nothing; use an aggregate such as SUM(column) or"
                            + " another measure",
                    Map.of("field", "expression"));
        }
        Map<String, Expression> defined = new HashMap<>(model.defined());
        defined.put(name, expression);
        // Rendering checks columns, types, references and cycles exactly as a query will.
        MeasureSql.append(new SqlQuery(), new DatasetModel(model.view(), defined), expression, "expression");
        return expression;
    }
}
