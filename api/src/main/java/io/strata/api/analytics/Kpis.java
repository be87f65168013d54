package io.strata.api.analytics;

import io.strata.api.analytics.DatasetModel.ResolvedMeasure;
import io.strata.api.analytics.expression.Expression;
import io.strata.api.security.SecurityScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Aggregates over a dataset: one Druid SQL query per period, every value bound, every name checked. */
@Service
public class Kpis {

    /** The output column counting the rows that matched. */
    private static final String MATCHED = "n";

    private final DatasetModels models;
    private final QueryCache queries;

    Kpis(DatasetModels models, QueryCache queries) {
        this.models = models;
        this.queries = queries;
    }

    public Mono<List<KpiValue>> kpis(KpiQuery query, SecurityScope scope) {
        return models.require(query.dataset(), scope).flatMap(model -> kpis(model, query, false));
    }

    /**
     * Over a model already loaded for the caller (its row filter applies); {@code fresh} skips the cache (for pollers
     * looking for changes).
     */
    public Mono<List<KpiValue>> kpis(DatasetModel model, KpiQuery query, boolean fresh) {
        List<ResolvedMeasure> measures = resolve(model, query.measures());
        Mono<List<Double>> current = values(model, measures, query.filter(), query.interval(), fresh);
        if (!query.compareToPrevious()) {
            return current.map(values -> labelled(measures, values, null));
        }
        Interval interval = query.interval();
        Duration length = Duration.between(interval.start(), interval.end());
        Interval before = new Interval(interval.start().minus(length), interval.start());
        return Mono.zip(current, values(model, measures, query.filter(), before, fresh))
                .map(both -> labelled(measures, both.getT1(), both.getT2()));
    }

    static List<ResolvedMeasure> resolve(DatasetModel model, List<Measure> measures) {
        List<ResolvedMeasure> resolved = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) {
            resolved.add(model.resolve(measures.get(i), "measures[" + i + "]"));
        }
        return resolved;
    }

    /**
     * {@code SELECT <m0>, <m1> ..., COUNT(*) AS "n" FROM <dataset> WHERE <interval and filter>}: {@code n} tells
     * whether any row matched.
     */
    static SqlQuery sql(DatasetModel model, List<ResolvedMeasure> measures, Filter filter, Interval interval) {
        SqlQuery sql = new SqlQuery().append("SELECT ");
        for (int i = 0; i < measures.size(); i++) {
            MeasureSql.append(sql, model, measures.get(i).expression(), "measures[" + i + "]");
            sql.append(" AS ").identifier("m" + i).append(", ");
        }
        sql.append("COUNT(*) AS ").identifier(MATCHED);
        Predicates.from(sql, model, filter, interval);
        return sql;
    }

    private Mono<List<Double>> values(
            DatasetModel model, List<ResolvedMeasure> measures, Filter filter, Interval interval, boolean fresh) {
        DruidQuery query = DruidQuery.of(sql(model, measures, filter, interval));
        Mono<List<Map<String, Object>>> rows = fresh ? queries.refresh(model, query) : queries.rows(model, query);
        return rows.map(result -> {
            // When no row matches, Druid answers no row at all (a filter it can tell is false), or nulls even for
            // counts (COUNT(*) beside an exact COUNT(DISTINCT), which it plans as a sum over a nested grouping, where
            // COALESCE(..., 0) is planned away). So an empty match is recognised, and answered as SQL defines it.
            Number matched = result.isEmpty() ? null : (Number) result.get(0).get(MATCHED);
            boolean none = matched == null || matched.longValue() == 0;
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < measures.size(); i++) {
                values.add(
                        none
                                ? overNoRows(model, measures.get(i).expression())
                                : Values.number(result.get(0).get("m" + i)));
            }
            return values;
        });
    }

    /**
     * A measure's value over no rows, as SQL gives it: counts are 0, other aggregates null, and arithmetic or
     * {@code NULLIF} on them as SQL computes it.
     */
    static Double overNoRows(DatasetModel model, Expression expression) {
        if (expression instanceof Expression.Aggregation a) {
            return switch (a.aggregate()) {
                case COUNT, COUNT_DISTINCT, APPROX_COUNT_DISTINCT -> 0.0;
                default -> null;
            };
        }
        if (expression instanceof Expression.MeasureReference r) {
            return overNoRows(
                    model, model.measure(r.name()).orElseThrow(() -> new IllegalStateException("validated: " + r)));
        }
        if (expression instanceof Expression.Literal l) {
            return l.value();
        }
        if (expression instanceof Expression.Negation n) {
            Double operand = overNoRows(model, n.operand());
            return operand == null ? null : -operand;
        }
        if (expression instanceof Expression.NullIf n) {
            Double value = overNoRows(model, n.value());
            return value != null && value.equals(overNoRows(model, n.whenEqual())) ? null : value;
        }
        Expression.Arithmetic a = (Expression.Arithmetic) expression;
        Double left = overNoRows(model, a.left());
        Double right = overNoRows(model, a.right());
        if (left == null || right == null) {
            return null;
        }
        return switch (a.operator()) {
            case PLUS -> left + right;
            case MINUS -> left - right;
            case TIMES -> left * right;
            case DIVIDE -> right == 0 ? null : left / right;
        };
    }

    static List<KpiValue> labelled(List<ResolvedMeasure> measures, List<Double> values, List<Double> previous) {
        List<KpiValue> result = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) {
            String label = measures.get(i).label();
            result.add(
                    previous == null
                            ? new KpiValue(label, values.get(i), null, null)
                            : KpiValue.compared(label, values.get(i), previous.get(i)));
        }
        return result;
    }
}
