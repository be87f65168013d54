package io.strata.api.sql.avatica;

import io.strata.api.sql.Dialect;
import io.strata.api.sql.QueryContext;
import io.strata.api.sql.ResultPart;
import io.strata.api.sql.SessionView;
import io.strata.api.sql.SqlCallers;
import io.strata.api.sql.SqlColumn;
import io.strata.api.sql.SqlEngine;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlPlan;
import io.strata.api.sql.SqlScanner;
import io.strata.api.sql.SqlState;
import io.strata.api.sql.StatementKind;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's server-side {@code Meta} over the SQL endpoint's engine: what Druid's JDBC driver asks (open a connection
 * with the bearer token as password, prepare, execute, fetch frames, read database metadata) answered for the
 * caller with their datasets, row filters, limits and audit. Its methods block (Avatica's handlers are synchronous);
 * they run on the bounded {@code sql-avatica} threads, never on an event loop. Rows stream: a frame is read from the
 * query as the client fetches it.
 */
final class StrataMeta extends MetaImpl {

    private static final AtomicInteger STATEMENTS = new AtomicInteger(1_000_000);

    private final SqlEngine engine;
    private final SqlCallers callers;
    private final AvaticaConnections connections;
    private final Duration timeout;
    private final int frameSize;
    private final Clock clock;
    private final AtomicLong queries = new AtomicLong();
    private final reactor.core.scheduler.Scheduler rows;

    StrataMeta(
            SqlEngine engine,
            SqlCallers callers,
            AvaticaConnections connections,
            int frameSize,
            Clock clock,
            reactor.core.scheduler.Scheduler rows) {
        super(null);
        this.rows = rows;
        this.engine = engine;
        this.callers = callers;
        this.connections = connections;
        this.timeout = engine.settings().timeout().plusSeconds(10);
        this.frameSize = frameSize;
        this.clock = clock;
    }

    @Override
    public void openConnection(ConnectionHandle ch, Map<String, String> info) {
        String user = info.getOrDefault("user", "");
        SqlCallers.Caller caller =
                blocking(() -> callers.authenticate(info.get("password"), user).block(timeout));
        connections.open(ch.id, caller);
    }

    @Override
    public void closeConnection(ConnectionHandle ch) {
        connections.close(ch.id);
    }

    @Override
    public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties properties) {
        connection(ch.id);
        return new ConnectionPropertiesImpl(true, true, java.sql.Connection.TRANSACTION_NONE, "druid", "druid");
    }

    @Override
    public StatementHandle createStatement(ConnectionHandle ch) {
        return new StatementHandle(ch.id, connection(ch.id).newStatement().id, null);
    }

    @Override
    public void closeStatement(StatementHandle h) {
        AvaticaConnections.Connection connection = connections.get(h.connectionId);
        if (connection != null) {
            AvaticaConnections.Statement statement = connection.statements.remove(h.id);
            if (statement != null) {
                statement.close();
            }
        }
    }

    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        AvaticaConnections.Connection connection = connection(ch.id);
        AvaticaConnections.Statement statement = connection.newStatement();
        SqlScanner.Statement scanned = query(sql);
        List<SqlColumn> columns = blocking(() -> {
            QueryContext context = context();
            SqlPlan plan = engine.plan(scanned, Dialect.DRUID, connection.caller.scope(), context)
                    .block(timeout);
            List<Object> nulls = new ArrayList<>(Collections.nCopies(scanned.parameterCount(), null));
            return engine.describe(plan, nulls, connection.caller.scope(), session(connection), context)
                    .block(timeout);
        });
        statement.prepared = scanned;
        statement.sql = sql;
        statement.columns = columns;
        statement.maxRows = maxRowCount;
        StatementHandle handle = new StatementHandle(ch.id, statement.id, null);
        handle.signature = signature(sql, columns, scanned.parameterCount());
        return handle;
    }

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
            throws NoSuchStatementException {
        return prepareAndExecute(h, sql, maxRowCount, -1, callback);
    }

    @Override
    public ExecuteResult prepareAndExecute(
            StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame, PrepareCallback callback)
            throws NoSuchStatementException {
        AvaticaConnections.Connection connection = connection(h.connectionId);
        AvaticaConnections.Statement statement = statement(connection, h);
        statement.close();
        statement.prepared = query(sql);
        statement.sql = sql;
        statement.maxRows = maxRowCount;
        return run(connection, statement, List.of(), maxRowsInFirstFrame);
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameters, long maxRowsInFirstFrame)
            throws NoSuchStatementException {
        return execute(h, parameters, (int) maxRowsInFirstFrame);
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameters, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        AvaticaConnections.Connection connection = connection(h.connectionId);
        AvaticaConnections.Statement statement = statement(connection, h);
        if (statement.prepared == null) {
            throw avatica(
                    new SqlException(SqlState.INVALID_SQL_STATEMENT_NAME, "statement " + h.id + " is not prepared"));
        }
        statement.close();
        List<Object> values = new ArrayList<>();
        for (TypedValue value : parameters == null ? List.<TypedValue>of() : parameters) {
            values.add(AvaticaParameters.value(value));
        }
        return run(connection, statement, values, maxRowsInFirstFrame);
    }

    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount) throws NoSuchStatementException {
        AvaticaConnections.Connection connection = connection(h.connectionId);
        AvaticaConnections.Statement statement = statement(connection, h);
        if (statement.rows == null) {
            return Frame.EMPTY;
        }
        return blocking(() -> frame(statement, fetchMaxRowCount));
    }

    private ExecuteResult run(
            AvaticaConnections.Connection connection,
            AvaticaConnections.Statement statement,
            List<Object> parameters,
            int maxRowsInFirstFrame) {
        return blocking(() -> {
            QueryContext context = context();
            SqlPlan plan = engine.plan(statement.prepared, Dialect.DRUID, connection.caller.scope(), context)
                    .block(timeout);
            // Rows are handed to the blocking iterator from a thread of rows' own, not from the event loop that
            // reads Druid's answer (the iterator's lock may park, which an event loop must never do).
            var stream = engine.run(plan, parameters, connection.caller.scope(), session(connection), context)
                    .publishOn(rows, frameSize)
                    .toStream(frameSize);
            statement.stream = stream;
            Iterator<ResultPart> iterator = stream.iterator();
            statement.rows = iterator;
            statement.offset = 0;
            ResultPart.Header header = (ResultPart.Header) iterator.next();
            statement.columns = header.columns();
            Frame first = frame(statement, maxRowsInFirstFrame);
            Signature signature = signature(statement.sql, header.columns(), statement.prepared.parameterCount());
            return new ExecuteResult(
                    List.of(MetaResultSet.create(connection.id, statement.id, false, signature, first)));
        });
    }

    /** The next frame of a statement's rows: at most {@code max} (the frame size when not positive). */
    private Frame frame(AvaticaConnections.Statement statement, int max) {
        synchronized (statement) {
            Iterator<ResultPart> rows = statement.rows;
            if (rows == null) {
                return Frame.EMPTY;
            }
            int size = max > 0 ? Math.min(max, frameSize * 10) : frameSize;
            if (statement.maxRows > 0) {
                size = (int) Math.min(size, Math.max(0, statement.maxRows - statement.offset));
            }
            List<Object> out = new ArrayList<>(Math.min(size, 1024));
            while (out.size() < size && rows.hasNext()) {
                out.add(AvaticaColumns.row(((ResultPart.Row) rows.next()).values(), statement.columns));
            }
            long offset = statement.offset;
            statement.offset += out.size();
            boolean done = (statement.maxRows > 0 && statement.offset >= statement.maxRows) || !rows.hasNext();
            if (done) {
                statement.close();
            }
            return new Frame(offset, done, out);
        }
    }

    private Signature signature(String sql, List<SqlColumn> columns, int parameters) {
        List<AvaticaParameter> params = new ArrayList<>();
        for (int i = 0; i < parameters; i++) {
            params.add(new AvaticaParameter(false, 0, 0, Types.OTHER, "OTHER", Object.class.getName(), "?" + i));
        }
        return Signature.create(AvaticaColumns.of(columns), sql, params, CursorFactory.LIST, StatementType.SELECT);
    }

    private static SqlScanner.Statement query(String sql) {
        SqlScanner.Statement statement;
        try {
            statement = SqlScanner.single(sql, Dialect.DRUID);
        } catch (SqlException e) {
            throw avatica(e);
        }
        StatementKind kind = StatementKind.of(statement);
        if (kind != StatementKind.QUERY) {
            throw avatica(
                    kind == StatementKind.SESSION
                            ? SqlException.notSupported(
                                    statement.first().toUpperCase(java.util.Locale.ROOT)
                                            + " is not supported over Avatica",
                                    "give query context as connection properties")
                            : StatementKind.refusal(statement));
        }
        return statement;
    }

    // --- database metadata, from the same catalog relations as queries (Druid's INFORMATION_SCHEMA)

    @Override
    public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schema, Pat table, List<String> types) {
        StringBuilder sql = new StringBuilder("SELECT TABLE_CATALOG AS TABLE_CAT, TABLE_SCHEMA AS TABLE_SCHEM, "
                + "TABLE_NAME, TABLE_TYPE, CAST(NULL AS VARCHAR) AS REMARKS, CAST(NULL AS VARCHAR) AS TYPE_CAT, "
                + "CAST(NULL AS VARCHAR) AS TYPE_SCHEM, CAST(NULL AS VARCHAR) AS TYPE_NAME, CAST(NULL AS VARCHAR) AS "
                + "SELF_REFERENCING_COL_NAME, CAST(NULL AS VARCHAR) AS REF_GENERATION FROM INFORMATION_SCHEMA.TABLES "
                + "WHERE TABLE_SCHEMA LIKE ? AND TABLE_NAME LIKE ?");
        List<Object> parameters = new ArrayList<>(List.of(pattern(schema), pattern(table)));
        if (types != null && !types.isEmpty()) {
            sql.append(" AND TABLE_TYPE IN (").append(String.join(", ", Collections.nCopies(types.size(), "?")));
            sql.append(")");
            parameters.addAll(types);
        }
        sql.append(" ORDER BY TABLE_TYPE, TABLE_SCHEM, TABLE_NAME");
        return catalog(ch, sql.toString(), parameters);
    }

    @Override
    public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schema, Pat table, Pat column) {
        return catalog(
                ch,
                "SELECT TABLE_CATALOG AS TABLE_CAT, TABLE_SCHEMA AS TABLE_SCHEM, TABLE_NAME, COLUMN_NAME, "
                        + "CAST(JDBC_TYPE AS INTEGER) AS DATA_TYPE, DATA_TYPE AS TYPE_NAME, -1 AS COLUMN_SIZE, "
                        + "CAST(NULL AS INTEGER) AS BUFFER_LENGTH, CAST(NULL AS INTEGER) AS DECIMAL_DIGITS, "
                        + "10 AS NUM_PREC_RADIX, CASE WHEN IS_NULLABLE = 'YES' THEN " + DatabaseMetaData.columnNullable
                        + " ELSE " + DatabaseMetaData.columnNoNulls + " END AS NULLABLE, CAST(NULL AS VARCHAR) AS "
                        + "REMARKS, COLUMN_DEFAULT AS COLUMN_DEF, CAST(NULL AS INTEGER) AS SQL_DATA_TYPE, "
                        + "CAST(NULL AS INTEGER) AS SQL_DATETIME_SUB, CAST(NULL AS INTEGER) AS CHAR_OCTET_LENGTH, "
                        + "CAST(ORDINAL_POSITION AS INTEGER) AS ORDINAL_POSITION, IS_NULLABLE, CAST(NULL AS VARCHAR) "
                        + "AS SCOPE_CATALOG, CAST(NULL AS VARCHAR) AS SCOPE_SCHEMA, CAST(NULL AS VARCHAR) AS "
                        + "SCOPE_TABLE, CAST(NULL AS SMALLINT) AS SOURCE_DATA_TYPE, 'NO' AS IS_AUTOINCREMENT, 'NO' AS "
                        + "IS_GENERATEDCOLUMN FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA LIKE ? AND "
                        + "TABLE_NAME LIKE ? AND COLUMN_NAME LIKE ? ORDER BY TABLE_SCHEM, TABLE_NAME, "
                        + "ORDINAL_POSITION",
                List.of(pattern(schema), pattern(table), pattern(column)));
    }

    @Override
    public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schema) {
        return catalog(
                ch,
                "SELECT SCHEMA_NAME AS TABLE_SCHEM, CATALOG_NAME AS TABLE_CATALOG FROM INFORMATION_SCHEMA.SCHEMATA "
                        + "WHERE SCHEMA_NAME LIKE ? ORDER BY TABLE_SCHEM",
                List.of(pattern(schema)));
    }

    @Override
    public MetaResultSet getCatalogs(ConnectionHandle ch) {
        return catalog(ch, "SELECT DISTINCT CATALOG_NAME AS TABLE_CAT FROM INFORMATION_SCHEMA.SCHEMATA", List.of());
    }

    @Override
    public MetaResultSet getTableTypes(ConnectionHandle ch) {
        return catalog(ch, "SELECT DISTINCT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES ORDER BY TABLE_TYPE", List.of());
    }

    private MetaResultSet catalog(ConnectionHandle ch, String sql, List<Object> parameters) {
        AvaticaConnections.Connection connection = connection(ch.id);
        AvaticaConnections.Statement statement = connection.newStatement();
        statement.prepared = SqlScanner.single(sql, Dialect.DRUID);
        statement.sql = sql;
        ExecuteResult result = run(connection, statement, parameters, frameSize * 10);
        MetaResultSet set = result.resultSets.get(0);
        return MetaResultSet.create(ch.id, statement.id, true, set.signature, set.firstFrame);
    }

    private static String pattern(Pat pattern) {
        return pattern == null || pattern.s == null ? "%" : pattern.s;
    }

    /** MetaImpl's own (empty) metadata answers: a statement of no connection, nothing to fetch. */
    @Override
    protected MetaResultSet createResultSet(
            Map<String, Object> internal, List<ColumnMetaData> columns, CursorFactory cursorFactory, Frame first) {
        Signature signature = new Signature(columns, "", List.of(), internal, cursorFactory, StatementType.SELECT);
        return MetaResultSet.create("", STATEMENTS.incrementAndGet(), true, signature, first);
    }

    @Override
    public Iterable<Object> createIterable(
            StatementHandle h, QueryState state, Signature signature, List<TypedValue> parameters, Frame first) {
        throw avatica(SqlException.notSupported("this Avatica request is not supported", null));
    }

    @Override
    public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands) {
        throw avatica(SqlException.readOnly("a batch"));
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues) {
        throw avatica(SqlException.readOnly("a batch"));
    }

    @Override
    public boolean syncResults(StatementHandle sh, QueryState state, long offset) {
        return false;
    }

    @Override
    public void commit(ConnectionHandle ch) {
        connection(ch.id);
    }

    @Override
    public void rollback(ConnectionHandle ch) {
        connection(ch.id);
    }

    private AvaticaConnections.Connection connection(String id) {
        AvaticaConnections.Connection connection = connections.get(id);
        if (connection == null) {
            throw avatica(new SqlException(
                    SqlState.CONNECTION_FAILURE,
                    "connection " + id + " is not open on this Strata node (closed, idle too long, or opened on "
                            + "another node)",
                    "open a new connection"));
        }
        if (connection.caller.expired(clock.instant())) {
            connections.close(id);
            throw avatica(new SqlException(
                    SqlState.INVALID_PASSWORD,
                    "the bearer token of this connection expired at " + connection.caller.expiresAt(),
                    "connect again with a fresh token as the password"));
        }
        return connection;
    }

    private static AvaticaConnections.Statement statement(AvaticaConnections.Connection connection, StatementHandle h)
            throws NoSuchStatementException {
        AvaticaConnections.Statement statement = connection.statements.get(h.id);
        if (statement == null) {
            throw new NoSuchStatementException(h);
        }
        return statement;
    }

    private QueryContext context() {
        return new QueryContext(
                Dialect.DRUID,
                "avatica",
                "strata-avatica-" + java.util.UUID.randomUUID() + "-" + queries.incrementAndGet(),
                null,
                Map.of());
    }

    private static SessionView session(AvaticaConnections.Connection connection) {
        return new SessionView() {
            @Override
            public String database() {
                return "druid";
            }

            @Override
            public String user() {
                return connection.caller.scope().subject();
            }

            @Override
            public Optional<String> setting(String name) {
                return name.equalsIgnoreCase("TimeZone") ? Optional.of("UTC") : Optional.empty();
            }
        };
    }

    /** Runs engine work, turning its errors into Avatica's (which carry the SQLSTATE to the JDBC client). */
    private static <T> T blocking(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (SqlException e) {
            throw avatica(e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SqlException sql) {
                throw avatica(sql);
            }
            throw e;
        }
    }

    static AvaticaRuntimeException avatica(SqlException e) {
        String message = e.hint() == null ? e.getMessage() : e.getMessage() + " (" + e.hint() + ")";
        return new AvaticaRuntimeException(message, 0, e.state().code(), AvaticaSeverity.ERROR);
    }
}
