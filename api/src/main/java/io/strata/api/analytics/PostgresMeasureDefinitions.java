package io.strata.api.analytics;

import io.strata.api.analytics.expression.Expression;
import io.strata.api.analytics.expression.MeasureExpressions;
import io.strata.ingestion.task.DatasetChanged;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** {@link MeasureDefinitions} in PostgreSQL ({@code analytics_measures}, migration V3) over R2DBC. */
@Repository
class PostgresMeasureDefinitions implements MeasureDefinitions {

    private final DatabaseClient db;
    private final ApplicationEventPublisher events;

    PostgresMeasureDefinitions(DatabaseClient db, ApplicationEventPublisher events) {
        this.db = db;
        this.events = events;
    }

    @Override
    public Mono<Map<String, Expression>> of(String dataset) {
        return db.sql("SELECT name, expression FROM analytics_measures WHERE dataset = :dataset ORDER BY name")
                .bind("dataset", dataset)
                .map(row -> Map.entry(row.get("name", String.class), row.get("expression", String.class)))
                .all()
                .collect(
                        LinkedHashMap<String, Expression>::new,
                        (map, entry) -> map.put(entry.getKey(), MeasureExpressions.parse(entry.getValue())))
                .map(Map::copyOf);
    }

    @Override
    public Mono<Void> save(String dataset, String name, Expression expression) {
        return db.sql(
                        "INSERT INTO analytics_measures (dataset, name, expression) VALUES (:dataset, :name, :expression) "
                                + "ON CONFLICT (dataset, name) DO UPDATE SET expression = EXCLUDED.expression, updated_at = now()")
                .bind("dataset", dataset)
                .bind("name", name)
                .bind("expression", expression.toString())
                .fetch()
                .rowsUpdated()
                .doOnNext(count -> events.publishEvent(new DatasetChanged(dataset)))
                .then();
    }

    @Override
    public Mono<Boolean> delete(String dataset, String name) {
        return db.sql("DELETE FROM analytics_measures WHERE dataset = :dataset AND name = :name")
                .bind("dataset", dataset)
                .bind("name", name)
                .fetch()
                .rowsUpdated()
                .doOnNext(count -> events.publishEvent(new DatasetChanged(dataset)))
                .map(count -> count > 0);
    }
}
