package io.strata.api.sql.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.strata.api.sql.SessionSettings;
import io.strata.api.sql.SqlCallers;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One client connection: the startup phase (SSLRequest, protocol version, the bearer token as cleartext password),
 * then the session's messages in order, one at a time ({@link PgProtocol} answers them). Messages that arrive while
 * one is being answered wait in a queue; when it grows, the socket is no longer read. Everything runs on the
 * connection's event loop; work elsewhere (authentication, Druid) comes back to it.
 */
final class PgConnection extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PgConnection.class);
    private static final int QUEUE_HIGH = 64;

    enum Phase {
        STARTUP,
        PASSWORD,
        READY,
        CLOSED
    }

    private final PgServices services;
    private final SslContext ssl;
    private final Deque<FrontendMessage> queue = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Scheduler loop;
    private Phase phase = Phase.STARTUP;
    private boolean busy;
    private PgSession session;
    private PgProtocol protocol;

    PgConnection(PgServices services, SslContext ssl) {
        this.services = services;
        this.ssl = ssl;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        this.ctx = context;
        this.loop = Schedulers.fromExecutor(context.channel().eventLoop());
        context.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        queue.add((FrontendMessage) message);
        if (queue.size() > QUEUE_HIGH) {
            context.channel().config().setAutoRead(false);
        }
        drain();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (context.channel().isWritable() && protocol != null) {
            protocol.writable();
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        phase = Phase.CLOSED;
        if (protocol != null) {
            protocol.closed();
        }
        if (session != null) {
            session.closePortals();
            services.cancels().unregister(session.processId, this);
        }
        queue.clear();
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof PgDecoder.ProtocolException
                || cause.getCause() instanceof PgDecoder.ProtocolException
                || cause instanceof io.netty.handler.codec.DecoderException) {
            fatal(new SqlException(SqlState.PROTOCOL_VIOLATION, protocolMessage(cause)));
            return;
        }
        if (cause instanceof java.io.IOException) {
            log.debug("PostgreSQL connection {} ended: {}", context.channel().remoteAddress(), cause.toString());
            context.close();
            return;
        }
        log.warn("PostgreSQL connection {} failed", context.channel().remoteAddress(), cause);
        fatal(new SqlException(SqlState.INTERNAL_ERROR, "the server failed on this connection"));
    }

    private static String protocolMessage(Throwable cause) {
        Throwable root = cause instanceof PgDecoder.ProtocolException ? cause : cause.getCause();
        return root != null && root.getMessage() != null ? root.getMessage() : "invalid message";
    }

    /** Handles queued messages until one needs to wait (for the token's check, for Druid). */
    void drain() {
        while (!busy && phase != Phase.CLOSED && !queue.isEmpty()) {
            FrontendMessage message = queue.poll();
            try {
                handle(message);
            } catch (SqlException e) {
                if (phase == Phase.READY) {
                    protocol.failed(e);
                } else {
                    fatal(e);
                }
            }
        }
        if (!busy && queue.size() < QUEUE_HIGH / 2 && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Marks the current message answered and goes on with the next. */
    void resume() {
        busy = false;
        drain();
    }

    void waitFor() {
        busy = true;
    }

    private void handle(FrontendMessage message) {
        switch (phase) {
            case STARTUP -> startup(message);
            case PASSWORD -> password(message);
            case READY -> {
                if (message instanceof FrontendMessage.Terminate) {
                    phase = Phase.CLOSED;
                    ctx.close();
                } else {
                    protocol.handle(message);
                }
            }
            default -> {}
        }
    }

    private void startup(FrontendMessage message) {
        if (message instanceof FrontendMessage.SslRequest) {
            if (ssl == null) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
            } else {
                // 'S' goes out in the clear; TLS starts with the client's next bytes.
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'S'})).addListener((ChannelFutureListener)
                        f -> ctx.pipeline().addFirst("tls", ssl.newHandler(ctx.alloc())));
            }
        } else if (message instanceof FrontendMessage.GssEncRequest) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
        } else if (message instanceof FrontendMessage.CancelRequest cancel) {
            services.cancels().cancel(cancel.processId(), cancel.secretKey());
            phase = Phase.CLOSED;
            ctx.close();
        } else if (message instanceof FrontendMessage.Startup startup) {
            begin(startup);
        } else {
            throw new SqlException(SqlState.PROTOCOL_VIOLATION, "expected a startup message");
        }
    }

    private void begin(FrontendMessage.Startup startup) {
        if (startup.major() != 3) {
            throw new SqlException(
                    SqlState.FEATURE_NOT_SUPPORTED,
                    "unsupported frontend protocol " + startup.major() + "." + startup.minor()
                            + ": server supports 3.0",
                    "use a PostgreSQL client of version 7.4 or newer");
        }
        if (startup.parameters().containsKey("replication")
                && !startup.parameters().get("replication").equalsIgnoreCase("false")) {
            throw SqlException.notSupported("replication connections are not supported", null);
        }
        int processId = services.cancels().nextProcessId();
        session = new PgSession(
                processId, services.cancels().nextSecretKey(), UUID.randomUUID().toString());
        session.user = startup.parameters().getOrDefault("user", "");
        session.database = startup.parameters().getOrDefault("database", session.user);
        if (!session.database.equals(PgServices.DATABASE)) {
            throw new SqlException(
                    SqlState.INVALID_CATALOG_NAME,
                    "database \"" + session.database + "\" does not exist",
                    "connect to database " + PgServices.DATABASE + " (dbname=" + PgServices.DATABASE + ")");
        }
        List<String> unrecognized = new ArrayList<>();
        for (Map.Entry<String, String> parameter : startup.parameters().entrySet()) {
            String name = parameter.getKey();
            if (name.startsWith("_pq_.")) {
                unrecognized.add(name);
            } else if (name.equals("options")) {
                options(parameter.getValue());
            } else if (!name.equals("user") && !name.equals("database") && !name.equals("replication")) {
                session.settings.set(name, parameter.getValue());
            }
        }
        if (startup.minor() > 0 || !unrecognized.isEmpty()) {
            ctx.write(BackendMessages.negotiateProtocolVersion(ctx.alloc(), 0, unrecognized));
        }
        phase = Phase.PASSWORD;
        ctx.writeAndFlush(BackendMessages.authentication(ctx.alloc(), 3));
    }

    /** {@code options=-c name=value -c ...}: settings for the session. */
    private void options(String options) {
        String[] words = options.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String setting = words[i].equals("-c") && i + 1 < words.length
                    ? words[++i]
                    : words[i].startsWith("--") ? words[i].substring(2) : null;
            if (setting != null && setting.contains("=")) {
                int eq = setting.indexOf('=');
                session.settings.set(setting.substring(0, eq).replace('-', '_'), setting.substring(eq + 1));
            }
        }
    }

    private void password(FrontendMessage message) {
        if (!(message instanceof FrontendMessage.Password password)) {
            throw new SqlException(SqlState.PROTOCOL_VIOLATION, "expected a password message");
        }
        waitFor();
        services.callers()
                .authenticate(password.password(), session.user)
                .publishOn(loop)
                .subscribe(this::authenticated, e -> {
                    fatal(
                            e instanceof SqlException sql
                                    ? sql
                                    : new SqlException(SqlState.INVALID_PASSWORD, "password authentication failed"));
                    busy = false;
                });
    }

    private void authenticated(SqlCallers.Caller caller) {
        if (phase == Phase.CLOSED) {
            return;
        }
        session.caller = caller;
        session.settings.put("session_authorization", caller.scope().subject());
        services.cancels().register(session.processId, this);
        protocol = new PgProtocol(this, session, services, loop);
        ctx.write(BackendMessages.authentication(ctx.alloc(), 0));
        for (String name : SessionSettings.REPORTED) {
            String canonical = SessionSettings.canonical(name);
            session.settings
                    .get(canonical)
                    .ifPresent(value -> ctx.write(BackendMessages.parameterStatus(ctx.alloc(), canonical, value)));
        }
        ctx.write(BackendMessages.backendKeyData(ctx.alloc(), session.processId, session.secretKey));
        phase = Phase.READY;
        ready();
        log.debug(
                "PostgreSQL session {} opened by {} (connection {})",
                session.processId,
                caller.scope().subject(),
                session.connectionId);
        resume();
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    void write(ByteBuf message) {
        ctx.write(message);
    }

    /** ReadyForQuery with the session's transaction status, and everything sent. */
    void ready() {
        ctx.writeAndFlush(BackendMessages.readyForQuery(ctx.alloc(), session.status));
    }

    /** An ErrorResponse of severity ERROR; the session goes on. */
    void error(SqlException e) {
        ctx.write(BackendMessages.error(
                ctx.alloc(), 'E', "ERROR", e.state().code(), e.getMessage(), null, e.hint(), e.position()));
    }

    void notice(String message) {
        ctx.write(BackendMessages.error(ctx.alloc(), 'N', "WARNING", "25001", message, null, null, 0));
    }

    /** An ErrorResponse of severity FATAL, then the connection closes. */
    void fatal(Throwable failure) {
        SqlException e = failure instanceof SqlException sql
                ? sql
                : new SqlException(SqlState.INTERNAL_ERROR, "the server failed on this connection");
        phase = Phase.CLOSED;
        queue.clear();
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(BackendMessages.error(
                            ctx.alloc(), 'E', "FATAL", e.state().code(), e.getMessage(), null, e.hint(), 0))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    boolean hasSecretKey(int key) {
        return session != null && session.secretKey == key;
    }

    /** From another connection's CancelRequest: the running query, if any, ends with 57014. */
    void cancelRunningQuery() {
        ctx.channel().eventLoop().execute(() -> {
            if (protocol != null) {
                protocol.cancel();
            }
        });
    }

    Clock clock() {
        return services.clock();
    }
}
