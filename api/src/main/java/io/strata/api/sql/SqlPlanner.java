package io.strata.api.sql;

import io.strata.api.analytics.DatasetCatalog;
import io.strata.api.analytics.DatasetModel;
import io.strata.api.analytics.DatasetModels;
import io.strata.api.analytics.DruidQuery;
import io.strata.api.analytics.RowFilterSql;
import io.strata.api.security.DatasetAccess;
import io.strata.api.security.SecurityScope;
import io.strata.ingestion.StrataException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.util.SqlString;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Decides how a query is answered, and for Druid writes the SQL it runs. Every table reference is resolved against
 * the datasets the caller may read ({@link DatasetModels}, the same check as GraphQL's) and replaced by
 * {@code (SELECT * FROM "druid"."dataset" WHERE <row filter>) AS dataset}, the filter rendered by
 * {@link RowFilterSql}, the renderer GraphQL queries use. A dataset the caller may not read does not exist for them
 * (42P01, the message of a missing table); Druid's system tables are refused; table functions are refused (they
 * read data that is not a dataset); catalog relations are answered locally and cannot be mixed with datasets.
 */
@Component
public class SqlPlanner {

    /** Table functions of PostgreSQL's that catalog queries use; no other reads rows that are not a dataset's. */
    private static final Set<String> LOCAL_TABLE_FUNCTIONS =
            Set.of("generate_series", "unnest", "generate_subscripts", "_pg_expandarray");

    /** Strata's own parameters are numbered from here, apart from the client's. */
    private static final int FIXED = 1_000_000;

    private final DatasetModels models;
    private final DatasetCatalog catalog;
    private final DatasetAccess access;
    private final LocalQueries local;

    SqlPlanner(DatasetModels models, DatasetCatalog catalog, DatasetAccess access, LocalQueries local) {
        this.models = models;
        this.catalog = catalog;
        this.access = access;
        this.local = local;
    }

    /** The plan of one query statement (a SELECT, WITH, VALUES or TABLE statement). */
    public Mono<SqlPlan> plan(SqlScanner.Statement statement, Dialect dialect, SecurityScope caller) {
        return Mono.defer(() -> {
            SqlNode query = SqlParsing.parse(statement.text(), dialect);
            if (!FromItems.isQuery(query)) {
                throw SqlException.syntax(
                        "not a query: " + query.getKind().toString().toLowerCase(Locale.ROOT), 0);
            }
            References references = new References(dialect);
            query = FromItems.rewrite(query, references);
            if (!references.catalog.isEmpty()) {
                if (!references.datasets.isEmpty()) {
                    throw SqlException.notSupported(
                            "a query cannot read both datasets and catalog relations ("
                                    + String.join(", ", references.catalog) + ")",
                            "query the catalog and the datasets separately");
                }
                return Mono.just(new SqlPlan.Local(query, statement.parameters()));
            }
            if (references.datasets.isEmpty() && dialect == Dialect.POSTGRES && local.answersLocally(query)) {
                return Mono.just(new SqlPlan.Local(query, statement.parameters()));
            }
            SqlNode parsed = query;
            return Flux.fromIterable(references.datasets)
                    .concatMap(name -> model(name, caller))
                    .collectList()
                    .map(found -> druid(parsed, dialect, statement, found));
        });
    }

    private Mono<DatasetModel> model(String dataset, SecurityScope caller) {
        return models.require(dataset, caller).onErrorResume(StrataException.class, e -> switch (e.kind()) {
            case NOT_FOUND -> readableHint(caller)
                    .flatMap(hint -> Mono.error(SqlException.undefinedTable(dataset, hint)));
            case FORBIDDEN -> Mono.error(new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, e.getMessage()));
            default -> Mono.error(e);
        });
    }

    /** The datasets the caller may read, for the hint of a missing one. */
    private Mono<String> readableHint(SecurityScope caller) {
        return access.readable(catalog.all(), view -> view.name(), caller)
                .map(view -> view.name())
                .take(50)
                .collectList()
                .map(names -> names.isEmpty()
                        ? "you may read no dataset yet; upload one, or ask an admin for access"
                        : "the datasets you may read are: " + String.join(", ", names))
                .onErrorReturn("list the datasets you may read with: SELECT table_name FROM information_schema.tables");
    }

    private SqlPlan druid(SqlNode query, Dialect dialect, SqlScanner.Statement statement, List<DatasetModel> found) {
        Map<String, DatasetModel> byName = new LinkedHashMap<>();
        found.forEach(model -> byName.put(model.name(), model));
        Map<Integer, Object> fixed = new LinkedHashMap<>();
        SqlNode rewritten = FromItems.rewrite(query, new FromItems.Tables() {
            @Override
            public SqlNode table(SqlIdentifier name, boolean aliased) {
                String dataset = name.names.get(name.names.size() - 1);
                SqlNode source = filtered(byName.get(dataset), fixed);
                return aliased ? source : FromItems.as(source, dataset);
            }

            @Override
            public SqlNode tableFunction(SqlCall call) {
                throw refusedTableFunction();
            }
        });
        rewritten = PgSpellings.apply(rewritten);
        if (dialect == Dialect.POSTGRES) {
            SelectLabels.apply(rewritten);
        }
        SqlString sql = rewritten.toSqlString(DruidUnparse.DIALECT);
        List<SqlPlan.Bound> bounds = new ArrayList<>();
        List<Integer> order = sql.getDynamicParameters() == null ? List.of() : sql.getDynamicParameters();
        for (int index : order) {
            if (index >= FIXED) {
                bounds.add(SqlPlan.Bound.fixed(fixed.get(index)));
            } else {
                bounds.add(SqlPlan.Bound.client(statement.parameters().get(index)));
            }
        }
        Map<String, List<String>> datasets = new LinkedHashMap<>();
        byName.forEach((name, model) -> datasets.put(name, model.view().columnNames()));
        return new SqlPlan.Druid(sql.getSql(), bounds, datasets);
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

    private static SqlException refusedTableFunction() {
        return new SqlException(
                SqlState.INSUFFICIENT_PRIVILEGE,
                "table functions are not allowed in queries over datasets (TABLE(...), EXTERN, ...)",
                "read datasets by name: SELECT ... FROM dataset");
    }

    /** Collects the table references of a query and checks each is one a query may read. */
    private final class References implements FromItems.Tables {
        private final Dialect dialect;
        private final Set<String> datasets = new LinkedHashSet<>();
        private final Set<String> catalog = new LinkedHashSet<>();

        References(Dialect dialect) {
            this.dialect = dialect;
        }

        @Override
        public SqlNode table(SqlIdentifier name, boolean aliased) {
            List<String> names = name.names;
            if (local.isCatalogRelation(dialect, names)) {
                catalog.add(String.join(".", names));
                return name;
            }
            String schema = names.size() >= 2 ? names.get(names.size() - 2) : null;
            if (names.size() > 3) {
                throw SqlException.undefinedTable(String.join(".", names), null);
            }
            if (schema == null || schema.equals("druid") || schema.equals("public")) {
                if (names.size() == 3 && !List.of("druid", "strata").contains(names.get(0))) {
                    throw SqlException.undefinedTable(String.join(".", names), null);
                }
                datasets.add(names.get(names.size() - 1));
                return name;
            }
            if (schema.equalsIgnoreCase("sys")) {
                throw new SqlException(
                        SqlState.INSUFFICIENT_PRIVILEGE,
                        "Druid's system tables (sys." + names.get(names.size() - 1) + ") are not available",
                        "the datasets you may read are the tables of schema " + dialect.schema()
                                + "; their columns are in information_schema.columns");
            }
            throw SqlException.undefinedTable(
                    String.join(".", names),
                    "datasets are tables of schema " + dialect.schema() + " (or druid): write " + dialect.schema() + "."
                            + names.get(names.size() - 1) + " or just " + names.get(names.size() - 1));
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
    }
}
