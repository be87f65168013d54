package io.strata.api.sql.catalog;

import io.strata.api.analytics.DatasetCatalog;
import io.strata.api.analytics.DatasetView;
import io.strata.api.security.DatasetAccess;
import io.strata.api.security.SecurityScope;
import io.strata.api.sql.Dialect;
import io.strata.api.sql.LocalQueries;
import io.strata.api.sql.PgType;
import io.strata.api.sql.ResultPart;
import io.strata.api.sql.SessionView;
import io.strata.api.sql.SqlColumn;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link LocalQueries} by Strata's own small engine ({@link Interpreter}) over catalog relations built, for each
 * query, from the datasets the caller may read ({@link DatasetAccess#readable}): a dataset the caller may not read is
 * in no catalog relation. Evaluation is CPU work over a few hundred rows, done on the parallel scheduler.
 */
@Component
class LocalEngine implements LocalQueries {

    private static final Logger log = LoggerFactory.getLogger(LocalEngine.class);

    /** Operators the engine evaluates besides {@link Functions}' and aggregates. */
    private static final Set<String> OPERATORS = Set.of(
            "||",
            "current_date",
            "current_timestamp",
            "localtimestamp",
            "current_time",
            "localtime",
            "char_length",
            "character_length",
            "upper",
            "lower",
            "substring",
            "coalesce",
            "nullif",
            "trim",
            "position",
            "cast");

    private final DatasetCatalog catalog;
    private final DatasetAccess access;

    LocalEngine(DatasetCatalog catalog, DatasetAccess access) {
        this.catalog = catalog;
        this.access = access;
        // Read the relations' columns now, on the starting thread: a resource read would block an event loop.
        CatalogColumns.names();
    }

    /** The key of the catalog relation {@code names} refers to in a dialect, or null when it is none. */
    static String relationKey(Dialect dialect, List<String> names) {
        if (dialect == Dialect.POSTGRES) {
            if (names.size() == 1 && names.get(0).startsWith("pg_") && CatalogColumns.exists(names.get(0))) {
                return names.get(0);
            }
            if (names.size() == 2 && names.get(0).equals("pg_catalog") && CatalogColumns.exists(names.get(1))) {
                return names.get(1);
            }
            if (names.size() == 2 && names.get(0).equals("information_schema")) {
                String key = "information_schema." + names.get(1);
                return CatalogColumns.exists(key) ? key : null;
            }
            return null;
        }
        int n = names.size();
        if (n >= 2 && names.get(n - 2).equalsIgnoreCase("INFORMATION_SCHEMA")) {
            String key = "INFORMATION_SCHEMA." + names.get(n - 1).toUpperCase(Locale.ROOT);
            return CatalogColumns.exists(key) ? key : null;
        }
        return null;
    }

    @Override
    public boolean isCatalogRelation(Dialect dialect, List<String> names) {
        if (dialect == Dialect.POSTGRES
                && names.size() == 2
                && (names.get(0).equals("information_schema") || names.get(0).equals("pg_catalog"))) {
            return true; // an unknown one is "relation does not exist", from the engine
        }
        if (dialect == Dialect.DRUID
                && names.size() >= 2
                && names.get(names.size() - 2).equalsIgnoreCase("INFORMATION_SCHEMA")) {
            return true;
        }
        return relationKey(dialect, names) != null;
    }

    @Override
    public boolean answersLocally(SqlNode query) {
        return evaluable(query);
    }

    private static boolean evaluable(SqlNode node) {
        if (node instanceof SqlSelect select && select.getFrom() != null) {
            return false;
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode item : list) {
                if (!evaluable(item)) {
                    return false;
                }
            }
            return true;
        }
        if (!(node instanceof SqlCall call)) {
            return true;
        }
        if (call.getOperator() instanceof SqlFunction && !Interpreter.isQuery(call)) {
            String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
            if (!Functions.known(name)
                    && !OPERATORS.contains(name)
                    && !Aggregates.isAggregate(call)
                    && call.getKind() != SqlKind.CAST) {
                return false;
            }
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand != null && !evaluable(operand)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Flux<ResultPart> run(
            SqlNode query, Dialect dialect, SecurityScope caller, SessionView session, List<Object> parameters) {
        Mono<List<DatasetView>> readable = readsRelations(query)
                ? access.readable(catalog.all(), DatasetView::name, caller).collectList()
                : Mono.just(List.of());
        return readable.publishOn(Schedulers.parallel())
                .map(views -> evaluate(query, dialect, new CatalogData(views, session), parameters))
                .flatMapMany(relation -> Flux.concat(
                        Flux.just(new ResultPart.Header(relation.columns())),
                        Flux.fromIterable(relation.rows()).map(row -> (ResultPart) new ResultPart.Row(row))));
    }

    private static Relation evaluate(SqlNode query, Dialect dialect, CatalogData data, List<Object> parameters) {
        try {
            Relation relation = new Interpreter(data, dialect, parameters).query(query, Env.EMPTY);
            return output(relation);
        } catch (SqlException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Catalog query failed: {}", query, e);
            throw new SqlException(
                    SqlState.INTERNAL_ERROR,
                    "Strata could not answer this catalog query",
                    "the server's log has the details; queries over datasets are not affected",
                    0,
                    e);
        }
    }

    /** Values as they leave the engine: relation and type names for regclass and regtype, as their text output. */
    private static Relation output(Relation relation) {
        List<Object[]> rows = new ArrayList<>(relation.rows().size());
        for (Object[] row : relation.rows()) {
            Object[] out = row.clone();
            for (int i = 0; i < out.length; i++) {
                if (out[i] instanceof Values.Reg reg) {
                    out[i] = reg.name();
                }
            }
            rows.add(out);
        }
        List<SqlColumn> columns = new ArrayList<>();
        for (SqlColumn c : relation.columns()) {
            columns.add(c.type() == PgType.UNKNOWN ? SqlColumn.of(c.name(), PgType.TEXT) : c);
        }
        return new Relation(columns, rows);
    }

    /** Whether any query level reads a relation (a query of functions alone needs no datasets). */
    private static boolean readsRelations(SqlNode node) {
        if (node instanceof SqlSelect select && select.getFrom() != null) {
            return true;
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode item : list) {
                if (readsRelations(item)) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                if (operand != null && readsRelations(operand)) {
                    return true;
                }
            }
        }
        return false;
    }
}
