package io.strata.api.sql;

import io.micrometer.core.instrument.MeterRegistry;
import io.strata.api.security.SecurityScope;
import io.strata.ingestion.audit.AuditOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Runs the SQL endpoint's queries, whatever the protocol: plans them ({@link SqlPlanner}), runs them in Druid or
 * locally, and applies on every one the limits of {@code strata.sql.*} (rows, bytes, timeout, queries per client)
 * and the audit log. Results stream: nothing here holds more than a row.
 */
@Service
public class SqlEngine {

    private static final Logger log = LoggerFactory.getLogger(SqlEngine.class);

    private final SqlPlanner planner;
    private final DruidRows druid;
    private final LocalQueries local;
    private final SqlAudit audit;
    private final SqlSettings settings;
    private final ConcurrentQueries concurrent;
    private final MeterRegistry registry;

    SqlEngine(
            SqlPlanner planner,
            DruidRows druid,
            LocalQueries local,
            SqlAudit audit,
            SqlSettings settings,
            MeterRegistry registry) {
        this.registry = registry;
        this.planner = planner;
        this.druid = druid;
        this.local = local;
        this.audit = audit;
        this.settings = settings;
        this.concurrent = new ConcurrentQueries(settings.maxConcurrentQueries());
    }

    public SqlSettings settings() {
        return settings;
    }

    /** The plan of a query statement; a refusal (an unknown or unreadable dataset, a system table) is audited. */
    public Mono<SqlPlan> plan(
            SqlScanner.Statement statement, Dialect dialect, SecurityScope caller, QueryContext context) {
        return planner.plan(statement, dialect, caller).onErrorResume(SqlException.class, e -> {
            if (e.state() == SqlState.UNDEFINED_TABLE || e.state() == SqlState.INSUFFICIENT_PRIVILEGE) {
                counted(context, AuditOutcome.DENIED);
                return audit.query(
                                caller,
                                List.of(),
                                context.sqlQueryId(),
                                AuditOutcome.DENIED,
                                context.transport() + ": " + e.getMessage())
                        .then(Mono.error(e));
            }
            return Mono.error(e);
        });
    }

    /** Checks a PostgreSQL statement's syntax and table references without running it (the extended protocol's Parse). */
    public void check(SqlScanner.Statement statement) {
        planner.check(statement, Dialect.POSTGRES);
    }

    /** Audits a statement refused before planning (a write, on a read-only endpoint). */
    public Mono<Void> refused(SecurityScope caller, QueryContext context, SqlException e) {
        counted(context, AuditOutcome.DENIED);
        return audit.query(
                caller,
                List.of(),
                context.sqlQueryId(),
                AuditOutcome.DENIED,
                context.transport() + ": " + e.getMessage());
    }

    /**
     * Runs a plan: its header, then its rows as the subscriber asks for them.
     *
     * @param parameters the client's parameter values, 0-based (Long, Double, Boolean, String, BigDecimal,
     *     OffsetDateTime, LocalDate or null)
     */
    public Flux<ResultPart> run(
            SqlPlan plan, List<Object> parameters, SecurityScope caller, SessionView session, QueryContext context) {
        if (plan instanceof SqlPlan.Local localPlan) {
            return local.run(localPlan.query(), context.dialect(), caller, session, ordered(localPlan, parameters))
                    .timeout(settings.timeout())
                    .onErrorMap(
                            java.util.concurrent.TimeoutException.class,
                            e -> new SqlException(
                                    SqlState.QUERY_CANCELED,
                                    "canceling statement due to statement timeout (a catalog query)",
                                    null,
                                    0,
                                    e));
        }
        SqlPlan.Druid druidPlan = (SqlPlan.Druid) plan;
        return Flux.defer(() -> {
            concurrent.acquire(caller.subject());
            AtomicLong rows = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            DruidStatement statement = statement(druidPlan, parameters, context, settings.maxRows());
            return druid.stream(statement)
                    .doOnNext(part -> {
                        if (part instanceof ResultPart.Row) {
                            rows.incrementAndGet();
                        }
                    })
                    .onErrorMap(SqlException.class, e -> hinted(e, druidPlan))
                    .doOnError(failure::set)
                    .doFinally(signal -> {
                        concurrent.release(caller.subject());
                        audited(caller, druidPlan, context, signal, rows.get(), failure.get());
                    });
        });
    }

    /** The columns a plan answers, without its rows (Druid is asked for at most one row, then cancelled). */
    public Mono<List<SqlColumn>> describe(
            SqlPlan plan, List<Object> parameters, SecurityScope caller, SessionView session, QueryContext context) {
        Flux<ResultPart> answer;
        if (plan instanceof SqlPlan.Local localPlan) {
            answer = local.run(localPlan.query(), context.dialect(), caller, session, ordered(localPlan, parameters));
        } else {
            SqlPlan.Druid druidPlan = (SqlPlan.Druid) plan;
            answer = Flux.defer(() -> {
                concurrent.acquire(caller.subject());
                return druid.stream(statement(druidPlan, parameters, context, 1))
                        .onErrorMap(SqlException.class, e -> hinted(e, druidPlan))
                        .doFinally(signal -> concurrent.release(caller.subject()));
            });
        }
        return answer.next().map(part -> ((ResultPart.Header) part).columns());
    }

    private void audited(
            SecurityScope caller,
            SqlPlan.Druid plan,
            QueryContext context,
            SignalType signal,
            long rows,
            Throwable failure) {
        AuditOutcome outcome = signal == SignalType.ON_ERROR ? AuditOutcome.FAILED : AuditOutcome.SUCCEEDED;
        String detail =
                switch (signal) {
                    case ON_COMPLETE -> context.transport() + ": " + rows + " rows";
                    case CANCEL -> context.transport() + ": " + rows + " rows, then ended by the client";
                    default -> context.transport() + ": failed after " + rows + " rows: " + message(failure);
                };
        counted(context, outcome);
        // Enqueued for the audit writer, which does not wait for PostgreSQL (SqlAudit); this is not I/O here.
        audit.query(caller, plan.datasets().keySet(), context.sqlQueryId(), outcome, detail)
                .subscribe(
                        null,
                        e -> log.error("SQL audit entry of {} not written: {}", context.sqlQueryId(), e.toString()));
    }

    /** {@code strata.sql.queries{transport, outcome}}: Druid queries and refused statements of the SQL endpoint. */
    private void counted(QueryContext context, AuditOutcome outcome) {
        registry.counter(
                        "strata.sql.queries",
                        "transport",
                        context.transport(),
                        "outcome",
                        outcome.name().toLowerCase(java.util.Locale.ROOT))
                .increment();
    }

    private static String message(Throwable e) {
        return e == null ? "unknown error" : e.getMessage();
    }

    private DruidStatement statement(SqlPlan.Druid plan, List<Object> parameters, QueryContext context, long maxRows) {
        List<DruidStatement.Parameter> bound = new ArrayList<>(plan.parameters().size());
        for (SqlPlan.Bound b : plan.parameters()) {
            Object value = b.isClient() ? valueOf(parameters, b.client()) : b.value();
            bound.add(parameter(value));
        }
        Map<String, Object> druidContext = new LinkedHashMap<>(context.druidContext());
        if (context.timeout() != null) {
            druidContext.put(
                    "timeout",
                    Math.min(context.timeout().toMillis(), settings.timeout().toMillis()));
        }
        return new DruidStatement(
                plan.sql(),
                bound,
                druidContext,
                context.sqlQueryId(),
                maxRows,
                settings.maxBytes().toBytes());
    }

    private static Object valueOf(List<Object> parameters, int index) {
        if (index >= parameters.size()) {
            throw new SqlException(
                    SqlState.PROTOCOL_VIOLATION,
                    "the statement uses parameter $" + (index + 1) + " but only " + parameters.size() + " were given");
        }
        return parameters.get(index);
    }

    private static List<Object> ordered(SqlPlan.Local plan, List<Object> parameters) {
        List<Object> values = new ArrayList<>(plan.parameters().size());
        for (int index : plan.parameters()) {
            values.add(valueOf(parameters, index));
        }
        return values;
    }

    /** A client value as a typed Druid parameter. */
    static DruidStatement.Parameter parameter(Object value) {
        if (value == null) {
            return new DruidStatement.Parameter("VARCHAR", null);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return new DruidStatement.Parameter("BIGINT", ((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return new DruidStatement.Parameter("DOUBLE", ((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal decimal) {
            return new DruidStatement.Parameter("DOUBLE", decimal.doubleValue());
        }
        if (value instanceof Boolean) {
            return new DruidStatement.Parameter("BOOLEAN", value);
        }
        // Druid takes a TIMESTAMP parameter as milliseconds since the epoch (a string fails in its HTTP API).
        if (value instanceof OffsetDateTime time) {
            return new DruidStatement.Parameter("TIMESTAMP", time.toInstant().toEpochMilli());
        }
        if (value instanceof Instant instant) {
            return new DruidStatement.Parameter("TIMESTAMP", instant.toEpochMilli());
        }
        if (value instanceof LocalDate date) {
            return new DruidStatement.Parameter("DATE", date.toString());
        }
        return new DruidStatement.Parameter("VARCHAR", value.toString());
    }

    private static SqlException hinted(SqlException e, SqlPlan.Druid plan) {
        if (e.state() != SqlState.UNDEFINED_COLUMN || e.hint() != null) {
            return e;
        }
        List<String> columns = new ArrayList<>();
        plan.datasets().forEach((dataset, names) -> columns.add("the columns of " + dataset + " are " + names));
        return new SqlException(e.state(), e.getMessage(), String.join("; ", columns), 0, e);
    }
}
