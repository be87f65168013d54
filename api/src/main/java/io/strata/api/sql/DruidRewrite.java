package io.strata.api.sql;

import io.strata.api.analytics.DatasetModel;
import io.strata.api.analytics.DruidQuery;
import io.strata.api.analytics.RowFilterSql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.util.SqlString;

/**
 * Writes the Druid SQL of a checked query: every table reference becomes
 * {@code (SELECT * FROM "druid"."dataset" WHERE <row filter>) AS dataset} (just {@code "druid"."dataset"} for a caller
 * the dataset's policies do not restrict), the filter rendered by {@link RowFilterSql}, its values bound parameters;
 * PostgreSQL spellings become Druid's ({@link PgSpellings}); the tree is unparsed by {@link DruidUnparse}.
 */
final class DruidRewrite {

    /** Strata's own parameters are numbered from here, apart from the client's. */
    private static final int FIXED = 1_000_000;

    private DruidRewrite() {}

    /**
     * @param models the model of every dataset the query reads, as the caller may see it
     * @param parameters for each {@code ?} of the statement, the client parameter it stands for
     */
    static SqlPlan.Druid of(
            SqlNode query, Dialect dialect, Map<String, DatasetModel> models, List<Integer> parameters) {
        Map<Integer, Object> fixed = new LinkedHashMap<>();
        Map<String, List<String>> datasets = new LinkedHashMap<>();
        SqlNode rewritten = FromItems.rewrite(query, new FromItems.Tables() {
            @Override
            public SqlNode table(SqlIdentifier name, boolean aliased) {
                String dataset = name.names.get(name.names.size() - 1);
                DatasetModel model = models.get(dataset);
                if (model == null) {
                    throw new IllegalStateException("dataset " + dataset + " was not resolved before rewriting");
                }
                datasets.put(dataset, model.view().columnNames());
                SqlNode source = filtered(model, fixed);
                return aliased ? source : FromItems.as(source, dataset);
            }

            @Override
            public SqlNode tableFunction(SqlCall call) {
                throw TableReferences.refusedTableFunction();
            }
        });
        rewritten = PgSpellings.apply(rewritten);
        if (dialect == Dialect.POSTGRES) {
            SelectLabels.apply(rewritten);
        }
        SqlString sql = rewritten.toSqlString(config -> config.withDialect(DruidUnparse.DIALECT)
                .withClauseStartsLine(false)
                .withClauseEndsLine(false)
                .withSelectListItemsOnSeparateLines(false)
                .withIndentation(0));
        List<SqlPlan.Bound> bounds = new ArrayList<>();
        List<Integer> order = sql.getDynamicParameters() == null ? List.of() : sql.getDynamicParameters();
        for (int index : order) {
            bounds.add(
                    index >= FIXED
                            ? SqlPlan.Bound.fixed(fixed.get(index))
                            : SqlPlan.Bound.client(parameters.get(index)));
        }
        return new SqlPlan.Druid(sql.getSql().replace('\n', ' '), bounds, datasets);
    }

    /** {@code "druid"."dataset"}, or {@code (SELECT * FROM "druid"."dataset" WHERE <row filter>)}. */
    private static SqlNode filtered(DatasetModel model, Map<Integer, Object> fixed) {
        SqlIdentifier table = new SqlIdentifier(List.of("druid", model.name()), SqlParserPos.ZERO);
        DruidQuery condition = RowFilterSql.condition(model.view(), model.rows());
        if (condition == null) {
            return table;
        }
        SqlSelect select = (SqlSelect) SqlParsing.parse("SELECT * FROM t WHERE " + condition.sql(), Dialect.DRUID);
        select.setFrom(table);
        int base = FIXED + fixed.size();
        SqlNode where = select.getWhere().accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlDynamicParam param) {
                int index = base + param.getIndex();
                fixed.put(index, condition.parameters().get(param.getIndex()));
                return new SqlDynamicParam(index, param.getParserPosition());
            }
        });
        select.setWhere(where);
        return select;
    }
}
