package io.strata.api.analytics;

import io.strata.api.security.RowFilter;
import io.strata.ingestion.StrataException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the {@code FROM} and {@code WHERE} of every query over a dataset: the caller's row-level filter first (it
 * cannot be left out: this is the only way to name a dataset in a query, and {@link DruidQuery#of} refuses SQL that
 * did not come through here), then the interval and the client's filter, every column checked against the dataset.
 */
final class Predicates {

    private Predicates() {}

    /** {@code FROM "dataset" WHERE <row filter> AND <interval> AND (<filter>)}. */
    static void from(SqlQuery sql, DatasetModel model, Filter filter, Interval interval) {
        from(sql, model, filter, interval, null);
    }

    /** As {@link #from(SqlQuery, DatasetModel, Filter, Interval)}, and-ed with what {@code more} appends. */
    static void from(SqlQuery sql, DatasetModel model, Filter filter, Interval interval, Consumer<SqlQuery> more) {
        DatasetView dataset = model.view();
        sql.append(" FROM ").table(model.name());
        boolean any = false;
        for (RowFilter.Condition condition : model.rows().conditions()) {
            sql.append(any ? " AND " : " WHERE ");
            RowFilterSql.append(sql, dataset, condition); // the one renderer, shared with the SQL endpoint
            any = true;
        }
        if (interval != null && interval.start() != null) {
            sql.append(any ? " AND " : " WHERE ")
                    .append("__time >= MILLIS_TO_TIMESTAMP(")
                    .bind(interval.start().toEpochMilli())
                    .append(")");
            any = true;
        }
        if (interval != null && interval.end() != null) {
            sql.append(any ? " AND " : " WHERE ")
                    .append("__time < MILLIS_TO_TIMESTAMP(")
                    .bind(interval.end().toEpochMilli())
                    .append(")");
            any = true;
        }
        if (filter != null) {
            sql.append(any ? " AND (" : " WHERE (");
            filter(sql, dataset, filter, "filter");
            sql.append(")");
            any = true;
        }
        if (more != null) {
            sql.append(any ? " AND " : " WHERE ");
            more.accept(sql);
        }
    }

    private static void filter(SqlQuery sql, DatasetView dataset, Filter f, String path) {
        int forms = count(f.and() != null, f.or() != null, f.not() != null, f.dimension() != null);
        if (forms != 1) {
            throw new StrataException.InvalidInput(path + " must have exactly one of and, or, not, dimension");
        }
        if (f.and() != null) {
            junction(sql, dataset, f.and(), " AND ", path + ".and");
        } else if (f.or() != null) {
            junction(sql, dataset, f.or(), " OR ", path + ".or");
        } else if (f.not() != null) {
            sql.append("NOT (");
            filter(sql, dataset, f.not(), path + ".not");
            sql.append(")");
        } else {
            condition(sql, dataset, f, path);
        }
    }

    private static void junction(SqlQuery sql, DatasetView dataset, List<Filter> parts, String op, String path) {
        if (parts.isEmpty()) {
            throw new StrataException.InvalidInput(path + " must not be empty");
        }
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "(" : op + "(");
            filter(sql, dataset, parts.get(i), path + "[" + i + "]");
            sql.append(")");
        }
    }

    private static void condition(SqlQuery sql, DatasetView dataset, Filter f, String path) {
        String column = Columns.require(dataset, f.dimension(), path + ".dimension");
        int conditions = count(
                f.eq() != null,
                f.in() != null,
                f.gt() != null,
                f.gte() != null,
                f.lt() != null,
                f.lte() != null,
                f.like() != null,
                f.isNull() != null);
        if (conditions != 1) {
            throw new StrataException.InvalidInput(
                    path + " on '" + column + "' must have exactly one of eq, in, gt, " + "gte, lt, lte, like, isNull");
        }
        sql.identifier(column);
        if (f.eq() != null) {
            sql.append(" = ").bind(f.eq());
        } else if (f.in() != null) {
            if (f.in().isEmpty()) {
                throw new StrataException.InvalidInput(path + ".in must list at least one value");
            }
            sql.append(" IN (");
            for (int i = 0; i < f.in().size(); i++) {
                sql.append(i == 0 ? "" : ", ").bind(f.in().get(i));
            }
            sql.append(")");
        } else if (f.gt() != null) {
            sql.append(" > ").bind(f.gt());
        } else if (f.gte() != null) {
            sql.append(" >= ").bind(f.gte());
        } else if (f.lt() != null) {
            sql.append(" < ").bind(f.lt());
        } else if (f.lte() != null) {
            sql.append(" <= ").bind(f.lte());
        } else if (f.like() != null) {
            sql.append(" LIKE ").bind(f.like());
        } else {
            sql.append(f.isNull() ? " IS NULL" : " IS NOT NULL");
        }
    }

    private static int count(boolean... present) {
        int n = 0;
        for (boolean p : present) {
            n += p ? 1 : 0;
        }
        return n;
    }
}
