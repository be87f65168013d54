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
    private final com.github.benmanes.caffeine.cache.Cache<Text, Analysis> analyses =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(5_000)
                    .build();
    private final com.github.benmanes.caffeine.cache.Cache<PlanKey, SqlPlan.Druid> plans =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(5_000)
                    .build();

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

    /** What planning learned from a statement's text alone: the datasets it reads, or that it is answered here. */
    private record Analysis(java.util.List<String> datasets, boolean local) {}

    /** A statement's checked tree and its analysis. */
    private record Parsed(SqlNode query, Analysis analysis) {}

    /** A statement's text in a dialect. */
    private record Text(Dialect dialect, String text) {}

    /** A statement's text and the models of its datasets as the caller sees them (row filters included). */
    private record PlanKey(Dialect dialect, String text, java.util.List<DatasetModel> models) {}

    /**
     * The plan of one query statement (a SELECT, WITH, VALUES or TABLE statement). Plans are remembered by their text
     * and the models they were made from (each dataset's columns, data version, and the caller's row filter), so a
     * repeated query is not parsed and rewritten again; any change to a model is another key.
     */
    public Mono<SqlPlan> plan(SqlScanner.Statement statement, Dialect dialect, SecurityScope caller) {
        return Mono.defer(() -> {
            Text text = new Text(dialect, statement.text());
            Analysis known = analyses.getIfPresent(text);
            Parsed parsed = known == null ? parse(text) : null;
            Analysis analysis = known != null ? known : parsed.analysis();
            if (analysis.local()) {
                // catalog queries and table-less ones are evaluated from their tree: parsed each time
                SqlNode query = parsed != null ? parsed.query() : parse(text).query();
                return Mono.just(new SqlPlan.Local(query, statement.parameters()));
            }
            return Flux.fromIterable(analysis.datasets())
                    .concatMap(name -> model(name, caller))
                    .collectList()
                    .map(found -> {
                        PlanKey key = new PlanKey(dialect, statement.text(), found);
                        SqlPlan.Druid plan = plans.getIfPresent(key);
                        if (plan == null) {
                            java.util.Map<String, DatasetModel> byName = new java.util.LinkedHashMap<>();
                            found.forEach(model -> byName.put(model.name(), model));
                            SqlNode query = parsed != null
                                    ? parsed.query()
                                    : parse(text).query();
                            plan = rewrite(query, dialect, byName, statement);
                            plans.put(key, plan);
                        }
                        return (SqlPlan) plan;
                    });
        });
    }

    /** Parses and checks a statement, remembers what it reads, and answers its tree (ready to rewrite). */
    private Parsed parse(Text text) {
        SqlNode parsed = SqlParsing.parse(text.text(), text.dialect());
        if (!FromItems.isQuery(parsed)) {
            throw SqlException.syntax(
                    "not a query: " + parsed.getKind().toString().toLowerCase(Locale.ROOT), 0);
        }
        TableReferences references = TableReferences.of(parsed, text.dialect(), local::isCatalogRelation);
        SqlNode query = references.query();
        if (!references.catalog.isEmpty() && !references.datasets.isEmpty()) {
            throw SqlException.notSupported(
                    "a query cannot read both datasets and catalog relations (" + String.join(", ", references.catalog)
                            + ")",
                    "query the catalog and the datasets separately");
        }
        boolean answeredHere = !references.catalog.isEmpty()
                || (references.datasets.isEmpty() && text.dialect() == Dialect.POSTGRES && local.answersLocally(query));
        Analysis analysis = new Analysis(java.util.List.copyOf(references.datasets), answeredHere);
        analyses.put(text, analysis);
        return new Parsed(query, analysis);
    }

    /** Checks a statement's syntax and references (the extended protocol's Parse), parsing it only if not known. */
    public void check(SqlScanner.Statement statement, Dialect dialect) {
        Text text = new Text(dialect, statement.text());
        if (analyses.getIfPresent(text) == null) {
            parse(text);
        }
    }

    private static SqlPlan.Druid rewrite(
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
