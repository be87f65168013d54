package io.strata.api.analytics;

import io.strata.api.analytics.DatasetModel.ResolvedMeasure;
import io.strata.api.analytics.OrderBy.SortDirection;
import io.strata.api.security.SecurityScope;
import io.strata.ingestion.StrataException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Tables: {@code GROUP BY} the dimensions, measures per row, sorted, paginated by keyset. A page asks Druid for the
 * rows after the cursor's sort key values (in {@code HAVING}, as keys may be measures) and one row more than the
 * page, to know whether another follows. The sort always ends with every dimension, so the order is total: no row
 * is skipped or repeated between pages while the data version stays the same. There is no cap on how many pages
 * a client may read; a page is capped by {@code strata.analytics.max-rows}.
 *
 * <p>Nulls sort first ascending and last descending (Druid's order). Keys on floating-point measures compare by
 * value; Druid computes the same sums for the same data version, so they are stable in practice.
 */
@Service
public class Tables {

    private final DatasetModels models;
    private final QueryCache queries;
    private final AnalyticsSettings settings;

    Tables(DatasetModels models, QueryCache queries, AnalyticsSettings settings) {
        this.models = models;
        this.queries = queries;
        this.settings = settings;
    }

    public Mono<RowConnection> table(TableQuery query, SecurityScope scope) {
        if (query.first() > settings.maxRows()) {
            return Mono.error(
                    Limits.exceeded("first", "strata.analytics.max-rows", settings.maxRows(), query.first(), "rows"));
        }
        return models.require(query.dataset(), scope).flatMap(model -> {
            Plan plan = plan(model, query);
            return queries.rows(model, DruidQuery.of(plan.sql())).map(rows -> page(plan, query, rows));
        });
    }

    /** The SQL of one page and how to read it back. */
    record Plan(SqlQuery sql, List<String> dimensions, List<ResolvedMeasure> measures, List<Key> keys, String shape) {}

    /** A sort key: the output column it reads and how to write it again (for the keyset condition). */
    record Key(String alias, SortDirection direction, Consumer<SqlQuery> expression) {}

    static Plan plan(DatasetModel model, TableQuery query) {
        DatasetView view = model.view();
        List<String> dimensions = new ArrayList<>();
        for (int i = 0; i < query.dimensions().size(); i++) {
            dimensions.add(Columns.require(view, query.dimensions().get(i), "dimensions[" + i + "]"));
        }
        List<ResolvedMeasure> measures = Kpis.resolve(model, query.measures());
        Map<String, Key> byField = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            String column = dimensions.get(i);
            byField.put(column, new Key("d" + i, SortDirection.ASC, sql -> dimension(sql, column)));
        }
        for (int i = 0; i < measures.size(); i++) {
            ResolvedMeasure measure = measures.get(i);
            String field = "measures[" + i + "]";
            byField.putIfAbsent(
                    measure.label(),
                    new Key(
                            "m" + i,
                            SortDirection.ASC,
                            sql -> MeasureSql.append(sql, model, measure.expression(), field)));
        }
        List<Key> keys = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (int i = 0; i < query.orderBy().size(); i++) {
            OrderBy order = query.orderBy().get(i);
            Key key = byField.get(order.field());
            if (key == null) {
                throw new StrataException.InvalidInput(
                        "orderBy[" + i + "].field: '" + order.field() + "' is neither a dimension nor a measure of"
                                + " this table; sort by one of " + List.copyOf(byField.keySet()),
                        Map.of("field", "orderBy[" + i + "].field", "validFields", List.copyOf(byField.keySet())));
            }
            if (!used.contains(key.alias())) {
                used.add(key.alias());
                keys.add(new Key(key.alias(), order.direction(), key.expression()));
            }
        }
        for (int i = 0; i < dimensions.size(); i++) {
            if (!used.contains("d" + i)) {
                keys.add(byField.get(dimensions.get(i)));
            }
        }

        SqlQuery sql = new SqlQuery().append("SELECT ");
        for (int i = 0; i < dimensions.size(); i++) {
            sql.append(i == 0 ? "" : ", ");
            dimension(sql, dimensions.get(i));
            sql.append(" AS ").identifier("d" + i);
        }
        for (int i = 0; i < measures.size(); i++) {
            sql.append(", ");
            MeasureSql.append(sql, model, measures.get(i).expression(), "measures[" + i + "]");
            sql.append(" AS ").identifier("m" + i);
        }
        Predicates.from(sql, model, query.filter(), query.interval());
        sql.append(" GROUP BY ");
        for (int i = 0; i < dimensions.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Integer.toString(i + 1));
        }
        String shape = shape(sql, keys);
        if (query.after() != null) {
            List<Object> after = Cursors.decode(query.after(), shape, keys.size());
            sql.append(" HAVING ");
            keyset(sql, keys, after);
        }
        sql.append(" ORDER BY ");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .identifier(keys.get(i).alias())
                    .append(keys.get(i).direction() == SortDirection.DESC ? " DESC" : " ASC");
        }
        sql.limit(query.first() + 1);
        return new Plan(sql, dimensions, measures, keys, shape);
    }

    /** Time is read as epoch milliseconds (the JDBC timestamp type depends on the JVM's zone). */
    private static void dimension(SqlQuery sql, String column) {
        if (column.equals("__time")) {
            sql.append("TIMESTAMP_TO_MILLIS(").identifier(column).append(")");
        } else {
            sql.identifier(column);
        }
    }

    /** Rows strictly after {@code after} in the key order: OR over i of (keys before i equal AND key i after). */
    static void keyset(SqlQuery sql, List<Key> keys, List<Object> after) {
        List<Consumer<SqlQuery>> branches = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            Object value = after.get(i);
            if (value == null && key.direction() == SortDirection.DESC) {
                continue; // nulls come last descending: nothing is after a null on this key
            }
            int last = i;
            branches.add(branch -> {
                for (int j = 0; j < last; j++) {
                    equal(branch, keys.get(j), after.get(j));
                    branch.append(" AND ");
                }
                greater(branch, key, value);
            });
        }
        if (branches.isEmpty()) {
            sql.append("1 = 0");
            return;
        }
        sql.append("(");
        for (int i = 0; i < branches.size(); i++) {
            sql.append(i == 0 ? "(" : " OR (");
            branches.get(i).accept(sql);
            sql.append(")");
        }
        sql.append(")");
    }

    private static void equal(SqlQuery sql, Key key, Object value) {
        key.expression().accept(sql);
        if (value == null) {
            sql.append(" IS NULL");
        } else {
            sql.append(" = ").bind(value);
        }
    }

    private static void greater(SqlQuery sql, Key key, Object value) {
        if (key.direction() == SortDirection.ASC) {
            key.expression().accept(sql);
            if (value == null) {
                sql.append(" IS NOT NULL");
            } else {
                sql.append(" > ").bind(value);
            }
        } else {
            sql.append("(");
            key.expression().accept(sql);
            sql.append(" < ").bind(value).append(" OR ");
            key.expression().accept(sql);
            sql.append(" IS NULL)");
        }
    }

    private static String shape(SqlQuery sql, List<Key> keys) {
        StringBuilder text = new StringBuilder(sql.text()).append('|').append(sql.parameters());
        keys.forEach(k -> text.append('|').append(k.alias()).append(k.direction()));
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static RowConnection page(Plan plan, TableQuery query, List<Map<String, Object>> rows) {
        boolean more = rows.size() > query.first();
        List<RowConnection.Edge> edges = new ArrayList<>();
        for (Map<String, Object> row : rows.subList(0, Math.min(rows.size(), query.first()))) {
            List<TableRow.DimensionValue> dimensions = new ArrayList<>();
            for (int i = 0; i < plan.dimensions().size(); i++) {
                String column = plan.dimensions().get(i);
                Object value = row.get("d" + i);
                dimensions.add(new TableRow.DimensionValue(
                        column,
                        column.equals("__time") && value != null
                                ? Values.millis(value).toString()
                                : Values.text(value)));
            }
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < plan.measures().size(); i++) {
                values.add(Values.number(row.get("m" + i)));
            }
            List<Object> keyValues = new ArrayList<>();
            plan.keys().forEach(key -> keyValues.add(row.get(key.alias())));
            edges.add(new RowConnection.Edge(
                    new TableRow(dimensions, Kpis.labelled(plan.measures(), values, null)),
                    Cursors.encode(plan.shape(), keyValues)));
        }
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new RowConnection(edges, new RowConnection.PageInfo(more, end));
    }
}
