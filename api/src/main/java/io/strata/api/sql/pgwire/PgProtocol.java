package io.strata.api.sql.pgwire;

import io.strata.api.sql.Dialect;
import io.strata.api.sql.PgType;
import io.strata.api.sql.QueryContext;
import io.strata.api.sql.SqlColumn;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlScanner;
import io.strata.api.sql.SqlState;
import io.strata.api.sql.StatementKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;

/**
 * PostgreSQL's query protocols over one session: the simple protocol (Query: statements run in turn, each answered
 * RowDescription, DataRows, CommandComplete) and the extended one (Parse, Bind, Describe, Execute with max rows,
 * Close, Sync; after an error, messages are skipped until Sync). Transactions keep their status (idle, in a block,
 * failed) as PostgreSQL does, so drivers that open transactions work unchanged.
 */
final class PgProtocol implements PgPortal.Listener {

    private static final Logger log = LoggerFactory.getLogger(PgProtocol.class);

    private final PgConnection connection;
    private final PgSession session;
    private final PgServices services;
    private final Scheduler loop;
    private boolean skipToSync;
    /** The portal now running, and what to do when its step ends (true: without error). */
    private PgPortal running;

    private Consumer<Boolean> step;

    PgProtocol(PgConnection connection, PgSession session, PgServices services, Scheduler loop) {
        this.connection = connection;
        this.session = session;
        this.services = services;
        this.loop = loop;
    }

    void handle(FrontendMessage message) {
        if (message instanceof FrontendMessage.Query query) {
            simple(query.sql());
            return;
        }
        if (message instanceof FrontendMessage.Sync) {
            sync();
            return;
        }
        if (message instanceof FrontendMessage.Flush) {
            connection.context().flush();
            return;
        }
        if (skipToSync) {
            return;
        }
        if (message instanceof FrontendMessage.Parse parse) {
            parse(parse);
        } else if (message instanceof FrontendMessage.Bind bind) {
            bind(bind);
        } else if (message instanceof FrontendMessage.Describe describe) {
            describe(describe);
        } else if (message instanceof FrontendMessage.Execute execute) {
            execute(execute);
        } else if (message instanceof FrontendMessage.Close close) {
            close(close);
        } else if (message instanceof FrontendMessage.Unsupported unsupported) {
            throw SqlException.notSupported(
                    "message type '" + unsupported.type() + "' is not supported (COPY and function calls are not)",
                    null);
        } else {
            throw new SqlException(SqlState.PROTOCOL_VIOLATION, "unexpected message " + message);
        }
    }

    /** An error of the extended protocol: answered, then messages are skipped until Sync. */
    void failed(SqlException e) {
        connection.error(e);
        if (session.status == 'T') {
            session.status = 'E';
        }
        skipToSync = true;
        connection.context().flush();
    }

    void writable() {
        if (running != null) {
            running.writable();
        }
    }

    /** The connection closed: the running query, if any, ends (its Druid query with it). */
    void closed() {
        PgPortal portal = running;
        running = null;
        step = null;
        if (portal != null) {
            portal.close();
        }
    }

    /** A CancelRequest for this session: the running query ends with 57014. */
    void cancel() {
        PgPortal portal = running;
        if (portal == null) {
            return;
        }
        portal.close();
        running = null;
        Consumer<Boolean> then = step;
        step = null;
        connection.error(new SqlException(SqlState.QUERY_CANCELED, "canceling statement due to user request"));
        if (session.status == 'T') {
            session.status = 'E';
        }
        if (then != null) {
            then.accept(false);
        }
    }

    private boolean expired() {
        if (session.caller.expired(connection.clock().instant())) {
            connection.fatal(new SqlException(
                    SqlState.INVALID_PASSWORD,
                    "the bearer token of this session expired at " + session.caller.expiresAt(),
                    "connect again with a fresh token as the password"));
            return true;
        }
        return false;
    }

    // --- simple protocol

    private void simple(String sql) {
        skipToSync = false;
        if (expired()) {
            return;
        }
        List<SqlScanner.Statement> statements;
        try {
            statements = SqlScanner.statements(sql, Dialect.POSTGRES);
        } catch (SqlException e) {
            connection.error(e);
            failTransaction();
            connection.ready();
            return;
        }
        if (statements.stream().allMatch(SqlScanner.Statement::isEmpty)) {
            connection.write(BackendMessages.empty(connection.context().alloc(), 'I'));
            connection.ready();
            return;
        }
        connection.waitFor();
        simpleNext(statements, 0);
    }

    private void simpleNext(List<SqlScanner.Statement> statements, int index) {
        if (index >= statements.size()) {
            endSimple();
            return;
        }
        SqlScanner.Statement statement = statements.get(index);
        if (statement.isEmpty()) {
            simpleNext(statements, index + 1);
            return;
        }
        PgSession.Prepared prepared = prepared("", statement, List.of());
        PgPortal portal = new PgPortal("", prepared, List.of(), List.of(), connection.context());
        run(portal, 0, true, ok -> {
            if (ok) {
                simpleNext(statements, index + 1);
            } else {
                endSimple();
            }
        });
    }

    private void endSimple() {
        connection.ready();
        connection.resume();
    }

    // --- extended protocol

    private void parse(FrontendMessage.Parse parse) {
        if (expired()) {
            return;
        }
        SqlScanner.Statement statement = SqlScanner.single(parse.sql(), Dialect.POSTGRES);
        if (!parse.name().isEmpty() && session.statements.containsKey(parse.name())) {
            throw new SqlException(
                    SqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + parse.name() + "\" already exists");
        }
        PgSession.Prepared prepared = prepared(parse.name(), statement, parse.parameterTypes());
        if (prepared.kind() == StatementKind.QUERY) {
            io.strata.api.sql.SqlParsing.parse(
                    statement.text(), Dialect.POSTGRES); // syntax errors at Parse, as PostgreSQL
        }
        session.statements.put(parse.name(), prepared);
        connection.write(BackendMessages.empty(connection.context().alloc(), '1'));
    }

    private PgSession.Prepared prepared(String name, SqlScanner.Statement statement, List<Integer> given) {
        List<Integer> types = new ArrayList<>(given);
        while (types.size() < statement.parameterCount()) {
            types.add(0);
        }
        return new PgSession.Prepared(name, statement, StatementKind.of(statement), types);
    }

    private void bind(FrontendMessage.Bind bind) {
        PgSession.Prepared prepared = session.statements.get(bind.statement());
        if (prepared == null) {
            throw new SqlException(
                    SqlState.INVALID_SQL_STATEMENT_NAME,
                    "prepared statement \"" + bind.statement() + "\" does not exist");
        }
        if (bind.values().size() != prepared.parameterTypes().size()) {
            throw new SqlException(
                    SqlState.PROTOCOL_VIOLATION,
                    "bind message supplies " + bind.values().size() + " parameters, but prepared statement \""
                            + prepared.name() + "\" requires "
                            + prepared.parameterTypes().size());
        }
        List<Object> values = new ArrayList<>(bind.values().size());
        for (int i = 0; i < bind.values().size(); i++) {
            int format = BackendMessages.format(bind.parameterFormats(), i);
            values.add(PgValues.read(
                    bind.values().get(i), prepared.parameterTypes().get(i), format, i + 1));
        }
        PgPortal previous = session.portals.get(bind.portal());
        if (previous != null) {
            if (!bind.portal().isEmpty()) {
                throw new SqlException(SqlState.DUPLICATE_CURSOR, "cursor \"" + bind.portal() + "\" already exists");
            }
            previous.close();
        }
        session.portals.put(
                bind.portal(),
                new PgPortal(
                        bind.portal(),
                        prepared,
                        Collections.unmodifiableList(values),
                        bind.resultFormats(),
                        connection.context()));
        connection.write(BackendMessages.empty(connection.context().alloc(), '2'));
    }

    private void describe(FrontendMessage.Describe describe) {
        if (describe.kind() == 'S') {
            PgSession.Prepared prepared = session.statements.get(describe.name());
            if (prepared == null) {
                throw new SqlException(
                        SqlState.INVALID_SQL_STATEMENT_NAME,
                        "prepared statement \"" + describe.name() + "\" does not exist");
            }
            List<Integer> oids = prepared.parameterTypes().stream()
                    .map(oid -> oid == 0 ? PgType.TEXT.oid() : oid)
                    .toList();
            connection.write(
                    BackendMessages.parameterDescription(connection.context().alloc(), oids));
            describeStatement(prepared);
            return;
        }
        PgPortal portal = portal(describe.name());
        StatementKind kind = portal.prepared().kind();
        if (kind == StatementKind.QUERY) {
            connection.waitFor();
            begin(portal, Mode.DESCRIBE, 0, false, ok -> {
                if (!ok) {
                    skipToSync = true;
                }
                connection.resume();
            });
            return;
        }
        List<SqlColumn> columns = showColumns(portal.prepared());
        if (columns != null) {
            rowDescription(columns, portal.resultFormats);
            portal.markDescribed();
        } else {
            connection.write(BackendMessages.empty(connection.context().alloc(), 'n'));
        }
    }

    private void describeStatement(PgSession.Prepared prepared) {
        if (prepared.kind() != StatementKind.QUERY) {
            List<SqlColumn> columns = showColumns(prepared);
            if (columns != null) {
                rowDescription(columns, List.of());
            } else {
                connection.write(BackendMessages.empty(connection.context().alloc(), 'n'));
            }
            return;
        }
        connection.waitFor();
        QueryContext context = context();
        List<Object> nulls =
                new ArrayList<>(Collections.nCopies(prepared.parameterTypes().size(), null));
        services.engine()
                .plan(prepared.statement(), Dialect.POSTGRES, session.caller.scope(), context)
                .flatMap(plan -> services.engine().describe(plan, nulls, session.caller.scope(), session, context))
                .publishOn(loop)
                .subscribe(
                        columns -> {
                            rowDescription(columns, List.of());
                            connection.resume();
                        },
                        e -> {
                            failed(sqlError(e));
                            connection.resume();
                        });
    }

    /** The columns SHOW answers (known without running it); null for commands that answer no rows. */
    private static List<SqlColumn> showColumns(PgSession.Prepared prepared) {
        if (prepared.kind() != StatementKind.SESSION
                || !prepared.statement().first().equals("show")) {
            return null;
        }
        List<String> tokens = prepared.statement().tokens();
        if (tokens.size() > 1 && tokens.get(1).equalsIgnoreCase("all")) {
            return List.of(
                    SqlColumn.of("name", PgType.TEXT),
                    SqlColumn.of("setting", PgType.TEXT),
                    SqlColumn.of("description", PgType.TEXT));
        }
        String name = tokens.size() > 2 && tokens.get(1).equalsIgnoreCase("time")
                ? "timezone"
                : tokens.size() > 2 && tokens.get(1).equalsIgnoreCase("transaction")
                        ? "transaction_isolation"
                        : tokens.size() > 1
                                ? PgCommands.unquoted(tokens.get(1)).toLowerCase(java.util.Locale.ROOT)
                                : "";
        return List.of(SqlColumn.of(name, PgType.TEXT));
    }

    private void execute(FrontendMessage.Execute execute) {
        if (expired()) {
            return;
        }
        PgPortal portal = portal(execute.portal());
        connection.waitFor();
        run(portal, execute.maxRows(), false, ok -> {
            if (!ok) {
                skipToSync = true;
            }
            connection.resume();
        });
    }

    private void close(FrontendMessage.Close close) {
        if (close.kind() == 'S') {
            session.statements.remove(close.name());
        } else {
            PgPortal portal = session.portals.remove(close.name());
            if (portal != null) {
                portal.close();
            }
        }
        connection.write(BackendMessages.empty(connection.context().alloc(), '3'));
    }

    private void sync() {
        skipToSync = false;
        if (session.status == 'I') {
            session.closePortals(); // the implicit transaction ends: its portals with it
        }
        connection.ready();
    }

    private PgPortal portal(String name) {
        PgPortal portal = session.portals.get(name);
        if (portal == null) {
            throw new SqlException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return portal;
    }

    // --- running a portal

    /** What the running portal's step is: opening it for its RowDescription, or sending its rows. */
    private enum Mode {
        DESCRIBE,
        EXECUTE
    }

    /**
     * Runs a portal's statement for up to {@code rows} rows; {@code then} gets whether it went without error.
     *
     * @param describe whether to send the RowDescription (the simple protocol does; Execute does not)
     */
    private void run(PgPortal portal, int rows, boolean describe, Consumer<Boolean> then) {
        PgSession.Prepared prepared = portal.prepared();
        if (session.status == 'E' && !endsTransaction(prepared)) {
            connection.error(new SqlException(
                    SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block",
                    "ROLLBACK to go on"));
            then.accept(false);
            return;
        }
        switch (prepared.kind()) {
            case EMPTY -> {
                connection.write(BackendMessages.empty(connection.context().alloc(), 'I'));
                then.accept(true);
            }
            case SESSION -> command(portal, describe, then);
            case QUERY -> begin(portal, Mode.EXECUTE, rows, describe, then);
            default -> {
                SqlException refusal = StatementKind.refusal(prepared.statement());
                services.engine()
                        .refused(session.caller.scope(), context(), refusal)
                        .subscribe(null, e -> log.error("audit of a refused statement failed: {}", e.toString()));
                error(refusal, then);
            }
        }
    }

    private static boolean endsTransaction(PgSession.Prepared prepared) {
        String first = prepared.statement().first();
        return prepared.kind() == StatementKind.SESSION
                && (first.equals("rollback") || first.equals("abort") || first.equals("commit") || first.equals("end"));
    }

    private void command(PgPortal portal, boolean describe, Consumer<Boolean> then) {
        PgCommands.Outcome outcome;
        try {
            outcome = PgCommands.run(portal.prepared().statement(), session);
        } catch (SqlException e) {
            error(e, then);
            return;
        }
        outcome.notices().forEach(connection::notice);
        for (Map.Entry<String, String> changed : outcome.reported().entrySet()) {
            connection.write(BackendMessages.parameterStatus(
                    connection.context().alloc(), changed.getKey(), changed.getValue()));
        }
        if (outcome.columns() != null) {
            if (describe && !portal.described()) {
                rowDescription(outcome.columns(), portal.resultFormats);
            }
            io.netty.buffer.ByteBuf rows = connection.context().alloc().buffer();
            for (Object[] row : outcome.rows()) {
                BackendMessages.dataRow(rows, row, outcome.columns(), portal.resultFormats);
            }
            connection.write(rows);
        }
        connection.write(BackendMessages.commandComplete(connection.context().alloc(), outcome.tag()));
        then.accept(true);
    }

    private void error(SqlException e, Consumer<Boolean> then) {
        connection.error(e);
        failTransaction();
        then.accept(false);
    }

    private void failTransaction() {
        if (session.status == 'T') {
            session.status = 'E';
        }
    }

    private Mode mode;
    private int rows;
    private boolean sendDescription;

    /** A step of a query portal: starts its query if it has not started, then describes it or sends rows. */
    private void begin(PgPortal portal, Mode stepMode, int maxRows, boolean describe, Consumer<Boolean> then) {
        running = portal;
        step = then;
        mode = stepMode;
        rows = maxRows;
        sendDescription = describe;
        portal.listen(this);
        if (portal.state() == PgPortal.State.NEW) {
            QueryContext context = context();
            portal.markStarting();
            services.engine()
                    .plan(portal.prepared().statement(), Dialect.POSTGRES, session.caller.scope(), context)
                    .publishOn(loop)
                    .subscribe(
                            plan -> {
                                if (running == portal && portal.state() != PgPortal.State.DONE) {
                                    portal.start(
                                            services.engine()
                                                    .run(
                                                            plan,
                                                            portal.parameters,
                                                            session.caller.scope(),
                                                            session,
                                                            context),
                                            loop);
                                }
                            },
                            e -> {
                                if (running == portal) {
                                    portal.close();
                                    finish(false, sqlError(e));
                                }
                            });
            return;
        }
        if (portal.columns() != null) {
            header(portal);
        } else {
            portal.fetch(rows); // a portal that ended before its header: answered as ended
        }
    }

    @Override
    public void header(PgPortal portal) {
        if (mode == Mode.DESCRIBE || (sendDescription && !portal.described())) {
            try {
                rowDescription(portal.columns(), portal.resultFormats);
            } catch (SqlException e) {
                portal.close();
                finish(false, e);
                return;
            }
            portal.markDescribed();
        }
        if (mode == Mode.DESCRIBE) {
            finish(true, null);
            return;
        }
        portal.fetch(rows);
    }

    @Override
    public void suspended(PgPortal portal) {
        connection.write(BackendMessages.empty(connection.context().alloc(), 's'));
        finish(true, null);
    }

    @Override
    public void completed(PgPortal portal) {
        connection.write(BackendMessages.commandComplete(connection.context().alloc(), "SELECT " + portal.sent()));
        finish(true, null);
    }

    @Override
    public void failed(PgPortal portal, Throwable error) {
        finish(false, sqlError(error));
    }

    private void finish(boolean ok, SqlException error) {
        Consumer<Boolean> then = step;
        running = null;
        step = null;
        if (error != null) {
            connection.error(error);
            failTransaction();
        }
        connection.context().flush();
        if (then != null) {
            then.accept(ok);
        }
    }

    private void rowDescription(List<SqlColumn> columns, List<Short> formats) {
        if (formats.size() > 1 && formats.size() != columns.size()) {
            throw new SqlException(
                    SqlState.PROTOCOL_VIOLATION,
                    "bind message has " + formats.size() + " result formats but query has " + columns.size()
                            + " columns");
        }
        for (int i = 0; i < columns.size(); i++) {
            if (BackendMessages.format(formats, i) == 1
                    && !PgValues.hasBinary(columns.get(i).type())) {
                throw new SqlException(
                        SqlState.FEATURE_NOT_SUPPORTED,
                        "binary format is not supported for column "
                                + columns.get(i).name() + " of type "
                                + columns.get(i).type().typname(),
                        "ask for it in text format");
            }
        }
        connection.write(BackendMessages.rowDescription(connection.context().alloc(), columns, formats));
    }

    private QueryContext context() {
        long timeout = session.settings.statementTimeoutMillis();
        return new QueryContext(
                Dialect.POSTGRES,
                "pgwire",
                session.nextQueryId(),
                timeout > 0 ? Duration.ofMillis(timeout) : null,
                Map.of("sqlTimeZone", session.settings.timeZone()));
    }

    private static SqlException sqlError(Throwable e) {
        if (e instanceof SqlException sql) {
            return sql;
        }
        log.warn("A PostgreSQL protocol query failed", e);
        return new SqlException(SqlState.INTERNAL_ERROR, "the query failed in the server", null, 0, e);
    }
}
