package io.strata.api.sql;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiPredicate;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/**
 * The tables a query reads, each checked to be one a query may name: a dataset (unqualified, or in schema
 * {@code public} or {@code druid}), or a catalog relation. Druid's system tables ({@code sys.*}) and table functions
 * other than PostgreSQL's catalog ones are refused; other schemas do not exist.
 */
final class TableReferences implements FromItems.Tables {

    /** Table functions of PostgreSQL's that catalog queries use; no other reads rows that are not a dataset's. */
    static final Set<String> LOCAL_TABLE_FUNCTIONS =
            Set.of("generate_series", "unnest", "generate_subscripts", "_pg_expandarray");

    private final Dialect dialect;
    private final BiPredicate<Dialect, List<String>> catalogRelation;
    final Set<String> datasets = new LinkedHashSet<>();
    final Set<String> catalog = new LinkedHashSet<>();
    private SqlNode query;

    private TableReferences(Dialect dialect, BiPredicate<Dialect, List<String>> catalogRelation) {
        this.dialect = dialect;
        this.catalogRelation = catalogRelation;
    }

    /**
     * The references of {@code query}.
     *
     * @param catalogRelation whether a name is a catalog relation of the dialect
     */
    static TableReferences of(SqlNode query, Dialect dialect, BiPredicate<Dialect, List<String>> catalogRelation) {
        TableReferences references = new TableReferences(dialect, catalogRelation);
        references.query = FromItems.rewrite(query, references);
        return references;
    }

    /** The query, {@code TABLE t} written as {@code SELECT * FROM t}. */
    SqlNode query() {
        return query;
    }

    @Override
    public SqlNode table(SqlIdentifier name, boolean aliased) {
        List<String> names = name.names;
        if (catalogRelation.test(dialect, names)) {
            catalog.add(String.join(".", names));
            return name;
        }
        String table = names.get(names.size() - 1);
        String schema = names.size() >= 2 ? names.get(names.size() - 2) : null;
        if (names.size() > 3) {
            throw SqlException.undefinedTable(String.join(".", names), null);
        }
        if (schema == null || schema.equals("druid") || schema.equals("public")) {
            if (names.size() == 3 && !List.of("druid", "strata").contains(names.get(0))) {
                throw SqlException.undefinedTable(String.join(".", names), null);
            }
            datasets.add(table);
            return name;
        }
        if (schema.equalsIgnoreCase("sys")) {
            throw new SqlException(
                    SqlState.INSUFFICIENT_PRIVILEGE,
                    "Druid's system tables (sys." + table + ") are not available",
                    "the datasets you may read are the tables of schema " + dialect.schema()
                            + "; their columns are in "
                            + (dialect == Dialect.POSTGRES
                                    ? "information_schema.columns"
                                    : "INFORMATION_SCHEMA.COLUMNS"));
        }
        throw SqlException.undefinedTable(
                String.join(".", names),
                "datasets are tables of schema " + dialect.schema() + " (or druid): write " + dialect.schema() + "."
                        + table + " or just " + table);
    }

    @Override
    public SqlNode tableFunction(SqlCall call) {
        String function = call.operand(0) instanceof SqlCall inner
                ? inner.getOperator().getName().toLowerCase(Locale.ROOT)
                : "";
        if (!LOCAL_TABLE_FUNCTIONS.contains(function)) {
            throw refusedTableFunction();
        }
        catalog.add(function + "()");
        return call;
    }

    static SqlException refusedTableFunction() {
        return new SqlException(
                SqlState.INSUFFICIENT_PRIVILEGE,
                "table functions are not allowed in queries over datasets (TABLE(...), EXTERN, ...)",
                "read datasets by name: SELECT ... FROM dataset");
    }
}
