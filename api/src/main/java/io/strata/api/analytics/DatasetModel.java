package io.strata.api.analytics;

import io.strata.api.analytics.expression.Aggregate;
import io.strata.api.analytics.expression.Expression;
import io.strata.api.analytics.expression.Expression.Aggregation;
import io.strata.api.security.RowFilter;
import io.strata.ingestion.StrataException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset as one caller's queries see it: its columns, its measures — the defaults ({@code count}, and each
 * numeric metric summed under its own name) and those users defined — and the rows the caller may see
 * ({@link #rows()}), which every query over the model renders ({@link Predicates#from}).
 */
public record DatasetModel(DatasetView view, Map<String, Expression> defined, RowFilter rows) {

    public static final String COUNT = "count";

    public DatasetModel {
        defined = Map.copyOf(defined);
        java.util.Objects.requireNonNull(rows, "rows");
    }

    /** The model with no row restriction (for validation that never reaches Druid, and tests). */
    public DatasetModel(DatasetView view, Map<String, Expression> defined) {
        this(view, defined, RowFilter.NONE);
    }

    public String name() {
        return view.name();
    }

    /** The default measures, by name. */
    public Map<String, Expression> defaults() {
        Map<String, Expression> defaults = new LinkedHashMap<>();
        defaults.put(COUNT, new Aggregation(Aggregate.COUNT, null));
        String countColumn = view.dataset().countColumn();
        for (DatasetColumn column : view.columns()) {
            if (column.role().equals("METRIC")
                    && column.isNumeric()
                    && !column.name().equals(countColumn)) {
                defaults.putIfAbsent(column.name(), new Aggregation(Aggregate.SUM, column.name()));
            }
        }
        return defaults;
    }

    /** Every measure: defaults first, then user-defined ones by name. */
    public List<MeasureDefinition> measures() {
        List<MeasureDefinition> all = new ArrayList<>();
        defaults().forEach((name, e) -> all.add(new MeasureDefinition(name, e, true)));
        defined.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> all.add(new MeasureDefinition(e.getKey(), e.getValue(), false)));
        return all;
    }

    /** The formula of a named measure (a default wins over a user-defined measure of the same name). */
    public Optional<Expression> measure(String name) {
        Expression builtIn = defaults().get(name);
        return builtIn != null ? Optional.of(builtIn) : Optional.ofNullable(defined.get(name));
    }

    /** What a client asked to measure, as a label and a formula; BAD_REQUEST naming {@code field} if invalid. */
    public ResolvedMeasure resolve(Measure measure, String field) {
        if (measure == null) {
            throw new StrataException.InvalidInput(field + " must not be null");
        }
        if (measure.name() != null) {
            if (measure.aggregate() != null || measure.column() != null) {
                throw new StrataException.InvalidInput(
                        field + " has a name and a column/aggregate: give either a measure name, or an aggregate"
                                + " (and a column)");
            }
            Expression expression = measure(measure.name())
                    .orElseThrow(() -> new StrataException.InvalidInput(
                            field + ": dataset '" + name() + "' has no measure named '" + measure.name()
                                    + "'; its measures are " + measureNames(),
                            Map.of("field", field + ".name", "validMeasures", measureNames())));
            return new ResolvedMeasure(measure.name(), expression);
        }
        if (measure.aggregate() == null) {
            throw new StrataException.InvalidInput(field + " needs a name, or an aggregate (and a column)");
        }
        if (measure.column() == null && measure.aggregate() != Aggregate.COUNT) {
            throw new StrataException.InvalidInput(field + ": " + measure.aggregate() + " needs a column");
        }
        return new ResolvedMeasure(measure.label(), new Aggregation(measure.aggregate(), measure.column()));
    }

    public List<String> measureNames() {
        return measures().stream().map(MeasureDefinition::name).toList();
    }

    /** A measure ready to render: the label its values carry and its formula. */
    public record ResolvedMeasure(String label, Expression expression) {}
}
