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

    /** {@code SELECT <m0>, <m1> ... FROM <dataset> WHERE <interval and filter>}. */
    static SqlQuery sql(DatasetModel model, List<ResolvedMeasure> measures, Filter filter, Interval interval) {
        SqlQuery sql = new SqlQuery().append("SELECT ");
        for (int i = 0; i < measures.size(); i++) {
            sql.append(i == 0 ? "" : ", ");
            MeasureSql.append(sql, model, measures.get(i).expression(), "measures[" + i + "]");
            sql.append(" AS ").identifier("m" + i);
        }
        Predicates.from(sql, model, filter, interval);
        return sql;
    }

    private Mono<List<Double>> values(
            DatasetModel model, List<ResolvedMeasure> measures, Filter filter, Interval interval, boolean fresh) {
        DruidQuery query = DruidQuery.of(sql(model, measures, filter, interval));
        Mono<List<Map<String, Object>>> rows = fresh ? queries.refresh(model, query) : queries.rows(model, query);
        return rows.map(result -> {
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < measures.size(); i++) {
                // Druid answers no row at all when it can tell no row matches (a filter that is always false).
                values.add(
                        result.isEmpty()
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
