package io.strata.api.analytics;

import io.strata.api.analytics.DatasetModel.ResolvedMeasure;
import io.strata.api.security.SecurityScope;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The top values of a dimension by a measure. Exact by default: Druid's TopN engine is approximate (each data node
 * returns its own top values), so an exact ranking turns it off ({@code useApproximateTopN=false}).
 */
@Service
public class TopN {

    private final DatasetModels models;
    private final QueryCache queries;
    private final AnalyticsSettings settings;

    TopN(DatasetModels models, QueryCache queries, AnalyticsSettings settings) {
        this.models = models;
        this.queries = queries;
        this.settings = settings;
    }

    public Mono<List<TopNEntry>> topN(TopNQuery query, SecurityScope scope) {
        if (query.limit() > settings.maxRows()) {
            return Mono.error(Limits.exceeded(
                    "limit", "strata.analytics.max-rows", settings.maxRows(), query.limit(), "entries"));
        }
        return models.require(query.dataset(), scope).flatMap(model -> {
            ResolvedMeasure measure = model.resolve(query.measure(), "measure");
            DruidQuery druid =
                    DruidQuery.of(sql(model, query, measure)).withContext("useApproximateTopN", !query.exact());
            return queries.rows(model, druid).map(rows -> rows.stream()
                    .map(row -> new TopNEntry(Values.text(row.get("v")), measure.label(), Values.number(row.get("m"))))
                    .toList());
        });
    }

    /** {@code SELECT "dimension" AS v, <measure> AS m ... GROUP BY 1 ORDER BY 2 DESC LIMIT ?}. */
    static SqlQuery sql(DatasetModel model, TopNQuery query, ResolvedMeasure measure) {
        String dimension = Columns.require(model.view(), query.dimension(), "dimension");
        SqlQuery sql = new SqlQuery()
                .append("SELECT ")
                .identifier(dimension)
                .append(" AS ")
                .identifier("v");
        sql.append(", ");
        MeasureSql.append(sql, model, measure.expression(), "measure");
        sql.append(" AS ").identifier("m");
        Predicates.from(sql, model, query.filter(), query.interval());
        sql.append(" GROUP BY 1 ORDER BY 2 DESC").limit(query.limit());
        return sql;
    }
}
