package io.strata.api.analytics;

import io.strata.api.security.RowFilter;
import io.strata.ingestion.StrataException;

/**
 * The one renderer of row-level security: a caller's {@link RowFilter} as Druid SQL over a dataset's columns, every
 * value a bound parameter. GraphQL queries render it first in their {@code WHERE} ({@link Predicates#from}); the SQL
 * endpoint wraps every table reference in {@code (SELECT * FROM dataset WHERE <this>)}.
 */
public final class RowFilterSql {

    private RowFilterSql() {}

    /**
     * The conditions of {@code rows}, and-ed, as a condition over {@code dataset}'s columns (without {@code WHERE});
     * null when {@code rows} restricts nothing. FORBIDDEN when a policy filters on a column the dataset lacks.
     */
    public static DruidQuery condition(DatasetView dataset, RowFilter rows) {
        if (!rows.restricts()) {
            return null;
        }
        SqlQuery sql = new SqlQuery();
        boolean first = true;
        for (RowFilter.Condition condition : rows.conditions()) {
            sql.append(first ? "" : " AND ");
            append(sql, dataset, condition);
            first = false;
        }
        return new DruidQuery(sql.text(), sql.parameters(), java.util.Map.of());
    }

    /** {@code "column" IN (values)}; no values match no row; a policy on a missing column refuses the query. */
    static void append(SqlQuery sql, DatasetView dataset, RowFilter.Condition condition) {
        DatasetColumn column = dataset.column(condition.column())
                .orElseThrow(() -> new StrataException.Forbidden("row policy '" + condition.policy() + "' of dataset '"
                        + dataset.name() + "' filters on column '" + condition.column() + "', which the dataset does "
                        + "not have, so no row can be shown: an admin must correct the policy (setRowPolicy)"));
        if (condition.values().isEmpty()) {
            sql.append("1 = 0");
            return;
        }
        sql.append("(");
        if (column.isNumeric()) {
            sql.append("CAST(").identifier(column.name()).append(" AS VARCHAR)");
        } else {
            sql.identifier(column.name());
        }
        sql.append(" IN (");
        for (int i = 0; i < condition.values().size(); i++) {
            sql.append(i == 0 ? "" : ", ").bind(condition.values().get(i));
        }
        sql.append("))");
    }
}
