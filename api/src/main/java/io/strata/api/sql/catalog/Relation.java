package io.strata.api.sql.catalog;

import io.strata.api.sql.SqlColumn;
import java.util.List;

/** A relation of the local engine: typed columns and rows held in memory (catalog relations are small). */
record Relation(List<SqlColumn> columns, List<Object[]> rows) {

    Relation {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The index of a column by name, or -1. */
    int index(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
