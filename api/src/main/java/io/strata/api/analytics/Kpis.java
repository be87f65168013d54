package io.strata.api.analytics;

import io.strata.api.analytics.DatasetModel.ResolvedMeasure;
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
            Map<String, Object> row = result.isEmpty() ? Map.of() : result.get(0);
            for (int i = 0; i < measures.size(); i++) {
                values.add(Values.number(row.get("m" + i)));
            }
            return values;
        });
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
