package io.strata.api.sql;

import io.strata.api.analytics.DatasetCatalog;
import io.strata.api.analytics.DatasetModel;
import io.strata.api.analytics.DatasetModels;
import io.strata.api.analytics.RowFilterSql;
import io.strata.api.security.DatasetAccess;
import io.strata.api.security.SecurityScope;
import io.strata.ingestion.StrataException;
import java.util.Locale;
import org.apache.calcite.sql.SqlNode;
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

    private final DatasetModels models;
    private final DatasetCatalog catalog;
    private final DatasetAccess access;
    private final LocalQueries local;

    SqlPlanner(DatasetModels models, DatasetCatalog catalog, DatasetAccess access, LocalQueries local) {
        this.models = models;
        this.catalog = catalog;
        this.access = access;
        this.local = local;
        // Calcite reads its properties and resources when first used: done now, on the starting thread, not on the
        // event loop of a first query.
        SqlParsing.parse("SELECT 1 FROM t WHERE x ILIKE 'a' LIMIT 1", Dialect.POSTGRES)
                .toSqlString(DruidUnparse.DIALECT);
    }

    /** The plan of one query statement (a SELECT, WITH, VALUES or TABLE statement). */
    public Mono<SqlPlan> plan(SqlScanner.Statement statement, Dialect dialect, SecurityScope caller) {
        return Mono.defer(() -> {
            SqlNode parsed = SqlParsing.parse(statement.text(), dialect);
            if (!FromItems.isQuery(parsed)) {
                throw SqlException.syntax(
                        "not a query: " + parsed.getKind().toString().toLowerCase(Locale.ROOT), 0);
            }
            TableReferences references = TableReferences.of(parsed, dialect, local::isCatalogRelation);
            SqlNode query = references.query();
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
            return Flux.fromIterable(references.datasets)
                    .concatMap(name -> model(name, caller))
                    .collectMap(DatasetModel::name)
                    .map(models -> rewrite(query, dialect, models, statement));
        });
    }

    private static SqlPlan rewrite(
            SqlNode query,
            Dialect dialect,
            java.util.Map<String, DatasetModel> models,
            SqlScanner.Statement statement) {
        try {
            return DruidRewrite.of(query, dialect, models, statement.parameters());
        } catch (StrataException.Forbidden e) { // a row policy on a column the dataset lacks
            throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, e.getMessage());
        }
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
}
