package io.strata.api.analytics;

import io.strata.ingestion.StrataException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a measure as a Druid SQL aggregate. On a rolled-up dataset each stored row stands for several input rows,
 * so COUNT sums the count metric and AVG divides by it: the numbers are those of the input rows.
 */
final class MeasureSql {

    private MeasureSql() {}

    static void append(SqlQuery sql, DatasetView view, Measure measure, String field) {
        Measure resolved = resolveName(view, measure, field);
        Aggregate aggregate = resolved.aggregate();
        String countColumn = view.dataset().rollup() ? view.dataset().countColumn() : null;
        if (aggregate == null) {
            throw new StrataException.InvalidInput(field + " needs an aggregate or a name");
        }
        switch (aggregate) {
            case COUNT -> {
                if (resolved.column() != null) {
                    sql.append("COUNT(")
                            .identifier(Columns.require(view, resolved.column(), field + ".column"))
                            .append(")");
                } else if (countColumn != null) {
                    sql.append("SUM(").identifier(countColumn).append(")");
                } else {
                    sql.append("COUNT(*)");
                }
            }
            case SUM, MIN, MAX -> sql.append(aggregate.name() + "(")
                    .identifier(Columns.requireNumeric(view, resolved.column(), field + ".column")
                            .name())
                    .append(")");
            case AVG -> {
                String column = Columns.requireNumeric(view, resolved.column(), field + ".column")
                        .name();
                if (countColumn != null) {
                    sql.append("CAST(SUM(")
                            .identifier(column)
                            .append(") AS DOUBLE) / NULLIF(SUM(")
                            .identifier(countColumn)
                            .append("), 0)");
                } else {
                    sql.append("AVG(CAST(").identifier(column).append(" AS DOUBLE))");
                }
            }
            case COUNT_DISTINCT -> sql.append("COUNT(DISTINCT ")
                    .identifier(Columns.require(view, resolved.column(), field + ".column"))
                    .append(")");
            case APPROX_COUNT_DISTINCT -> sql.append("APPROX_COUNT_DISTINCT(")
                    .identifier(Columns.require(view, resolved.column(), field + ".column"))
                    .append(")");
        }
    }

    /** The default named measures: {@code count}, and each metric by its name (its sum). */
    private static Measure resolveName(DatasetView view, Measure measure, String field) {
        if (measure.name() == null) {
            if (measure.aggregate() == null) {
                throw new StrataException.InvalidInput(field + " needs a name, or an aggregate (and a column)");
            }
            return measure;
        }
        if (measure.name().equals("count")) {
            return new Measure(null, null, Aggregate.COUNT);
        }
        if (view.column(measure.name()).filter(c -> c.role().equals("METRIC")).isPresent()) {
            return new Measure(null, measure.name(), Aggregate.SUM);
        }
        List<String> available = new ArrayList<>(List.of("count"));
        view.columns().stream().filter(c -> c.role().equals("METRIC")).forEach(c -> available.add(c.name()));
        throw new StrataException.InvalidInput(field + ": dataset '" + view.name() + "' has no measure named '"
                + measure.name() + "'; its measures " + "are " + available);
    }
}
