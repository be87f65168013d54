package io.strata.api.analytics;

import io.strata.ingestion.StrataException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Aggregates over a dataset: one Druid SQL query per period, every value bound, every name checked. */
@Service
public class Kpis {

    private final DatasetCatalog catalog;
    private final DruidSql druid;

    Kpis(DatasetCatalog catalog, DruidSql druid) {
        this.catalog = catalog;
        this.druid = druid;
    }

    public Mono<List<KpiValue>> kpis(
            String dataset, List<Measure> measures, Filter filter, Interval interval, boolean compareToPrevious) {
        if (measures.isEmpty()) {
            return Mono.error(new StrataException.InvalidInput("measures must name at least one measure"));
        }
        return catalog.require(dataset).flatMap(view -> {
            Mono<List<Double>> current = values(view, measures, filter, interval);
            if (!compareToPrevious) {
                return current.map(values -> labelled(measures, values, null));
            }
            if (interval == null || interval.start() == null || interval.end() == null) {
                return Mono.error(new StrataException.InvalidInput(
                        "compareToPrevious needs an interval with both start and end"));
            }
            Duration length = Duration.between(interval.start(), interval.end());
            Interval before = new Interval(interval.start().minus(length), interval.start());
            return Mono.zip(current, values(view, measures, filter, before))
                    .map(both -> labelled(measures, both.getT1(), both.getT2()));
        });
    }

    private Mono<List<Double>> values(DatasetView view, List<Measure> measures, Filter filter, Interval interval) {
        SqlQuery sql = new SqlQuery().append("SELECT ");
        for (int i = 0; i < measures.size(); i++) {
            sql.append(i == 0 ? "" : ", ");
            MeasureSql.append(sql, view, measures.get(i), "measures[" + i + "]");
            sql.append(" AS m").append(Integer.toString(i));
        }
        sql.append(" FROM ").identifier(view.name());
        Predicates.where(sql, view, filter, interval);
        return druid.query(sql.text(), sql.parameters()).map(rows -> {
            List<Double> values = new ArrayList<>();
            Map<String, Object> row = rows.isEmpty() ? Map.of() : rows.get(0);
            for (int i = 0; i < measures.size(); i++) {
                Object value = row.get("m" + i);
                values.add(value instanceof Number number ? number.doubleValue() : null);
            }
            return values;
        });
    }

    private static List<KpiValue> labelled(List<Measure> measures, List<Double> values, List<Double> previous) {
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
