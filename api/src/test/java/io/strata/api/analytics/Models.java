package io.strata.api.analytics;

import io.strata.api.analytics.expression.Expression;
import io.strata.api.analytics.expression.MeasureExpressions;
import io.strata.ingestion.task.Dataset;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dataset models for unit tests: a sales dataset, rolled up or not, with measures defined by text. */
final class Models {

    private Models() {}

    static DatasetModel sales(boolean rollup, String... definitions) {
        Dataset dataset = new Dataset("sales", 3, rollup, rollup ? "count" : null, null, Instant.EPOCH, Instant.EPOCH);
        List<DatasetColumn> columns = List.of(
                new DatasetColumn("__time", "TIMESTAMP", "TIMESTAMP"),
                new DatasetColumn("country", "VARCHAR", "DIMENSION"),
                new DatasetColumn("device", "VARCHAR", "DIMENSION"),
                new DatasetColumn("count", "BIGINT", "METRIC"),
                new DatasetColumn("quantity", "BIGINT", "METRIC"),
                new DatasetColumn("revenue", "DOUBLE", "METRIC"),
                new DatasetColumn("cost", "DOUBLE", "METRIC"));
        Map<String, Expression> defined = new LinkedHashMap<>();
        for (int i = 0; i < definitions.length; i += 2) {
            defined.put(definitions[i], MeasureExpressions.parse(definitions[i + 1]));
        }
        return new DatasetModel(new DatasetView(dataset, columns), defined);
    }

    /** The filter {@code dimension = value}. */
    static Filter eq(String dimension, String value) {
        return new Filter(null, null, null, dimension, value, null, null, null, null, null, null, null);
    }

    /** {@code model} as a caller restricted to {@code rows} sees it. */
    static DatasetModel restricted(DatasetModel model, io.strata.api.security.RowFilter rows) {
        return new DatasetModel(model.view(), model.defined(), rows);
    }
}
