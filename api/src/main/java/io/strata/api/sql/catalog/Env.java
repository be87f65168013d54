package io.strata.api.sql.catalog;

import io.strata.api.sql.SqlColumn;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlNode;

/**
 * What an expression of the local engine sees: the current row of each FROM source of its query, the query's group
 * (for aggregates) and window values, and the queries around it (for correlated subqueries and CTEs).
 */
final class Env {

    /** A FROM source's current row. */
    record Binding(String alias, List<SqlColumn> columns, Object[] row) {}

    /** Where a column was found. */
    record Found(Binding binding, int index) {
        Object value() {
            return binding.row()[index];
        }

        SqlColumn column() {
            return binding.columns().get(index);
        }
    }

    static final Env EMPTY = new Env(null, List.of(), Map.of(), null, null);

    final Env outer;
    final List<Binding> bindings;
    final Map<String, Relation> ctes;
    final List<Env> group;
    final Map<SqlNode, Object> windows;

    Env(Env outer, List<Binding> bindings, Map<String, Relation> ctes, List<Env> group, Map<SqlNode, Object> windows) {
        this.outer = outer;
        this.bindings = bindings;
        this.ctes = ctes;
        this.group = group;
        this.windows = windows;
    }

    /** A query level inside this one, whose rows are {@code bindings}. */
    Env inner(List<Binding> bindings) {
        return new Env(this, bindings, ctes, null, null);
    }

    Env withGroup(List<Env> rows) {
        return new Env(outer, bindings, ctes, rows, windows);
    }

    Env withWindows(Map<SqlNode, Object> values) {
        return new Env(outer, bindings, ctes, group, values);
    }

    Env withCtes(Map<String, Relation> more) {
        java.util.HashMap<String, Relation> all = new java.util.HashMap<>(ctes);
        all.putAll(more);
        return new Env(outer, bindings, Map.copyOf(all), group, windows);
    }

    Relation cte(String name) {
        return ctes.get(name);
    }

    /** The column {@code names} ({@code [column]} or {@code [source, column]}), here or in an enclosing query. */
    Found resolve(List<String> names) {
        for (Env env = this; env != null; env = env.outer) {
            Found found = env.local(names);
            if (found != null) {
                return found;
            }
        }
        throw new SqlException(SqlState.UNDEFINED_COLUMN, "column " + quoted(names) + " does not exist");
    }

    /** Whether {@code names} is a column here or in an enclosing query. */
    boolean has(List<String> names) {
        for (Env env = this; env != null; env = env.outer) {
            try {
                if (env.local(names) != null) {
                    return true;
                }
            } catch (SqlException e) {
                return true;
            }
        }
        return false;
    }

    private Found local(List<String> names) {
        String column = names.get(names.size() - 1);
        String source = names.size() >= 2 ? names.get(names.size() - 2) : null;
        for (Binding binding : bindings) {
            if (source != null && !source.equals(binding.alias())) {
                continue;
            }
            for (int i = 0; i < binding.columns().size(); i++) {
                if (binding.columns().get(i).name().equals(column)) {
                    return new Found(binding, i);
                }
            }
            if (source != null) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column " + quoted(names) + " does not exist");
            }
        }
        return null;
    }

    private static String quoted(List<String> names) {
        return String.join(".", names);
    }
}
