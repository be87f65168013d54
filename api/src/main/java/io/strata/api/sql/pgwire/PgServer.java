package io.strata.api.sql.pgwire;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.strata.api.sql.SqlCallers;
import io.strata.api.sql.SqlEngine;
import io.strata.api.sql.SqlSettings;
import java.io.File;
import java.net.InetSocketAddress;
import java.time.Clock;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.netty.resources.LoopResources;

/**
 * The PostgreSQL wire protocol server ({@code strata.sql.postgres.*}): listens on {@code port} (15432; 0 turns it
 * off) while Strata runs, on event loops of its own (Reactor Netty's, so BlockHound and Reactor treat them as
 * non-blocking). Each connection gets a {@link PgDecoder} and a {@link PgConnection}; the socket's write buffer is
 * bounded (a slow client stops the query's rows, it does not fill the heap).
 */
@Component
class PgServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PgServer.class);

    private final SqlSettings.Postgres settings;
    private final PgServices services;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private LoopResources loops;
    private Channel server;

    private final Counter opened;

    PgServer(SqlSettings settings, SqlEngine engine, SqlCallers callers, MeterRegistry registry) {
        this.settings = settings.postgres();
        this.services = new PgServices(engine, callers, new PgCancels(), Clock.systemUTC());
        Gauge.builder("strata.sql.connections", channels, ChannelGroup::size)
                .description("Open PostgreSQL wire protocol connections")
                .tag("transport", "pgwire")
                .register(registry);
        this.opened = Counter.builder("strata.sql.connections.opened")
                .description("PostgreSQL wire protocol connections accepted")
                .tag("transport", "pgwire")
                .register(registry);
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("PostgreSQL wire protocol server off (strata.sql.postgres.port=0)");
            return;
        }
        SslContext ssl = tls();
        int maxMessage =
                (int) Math.min(Integer.MAX_VALUE, settings.maxMessageSize().toBytes());
        loops = LoopResources.create(
                "strata-pgwire", 1, Math.max(2, Runtime.getRuntime().availableProcessors()), true);
        EventLoopGroup group = loops.onServer(true);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.onServerSelect(true), group)
                .channel(loops.onChannelClass(ServerSocketChannel.class, group))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channels.add(channel);
                        opened.increment();
                        channel.pipeline()
                                .addLast("decoder", new PgDecoder(maxMessage))
                                .addLast("session", new PgConnection(services, ssl));
                    }
                });
        server = bootstrap
                .bind(new InetSocketAddress(settings.host(), settings.port()))
                .syncUninterruptibly()
                .channel();
        log.info(
                "PostgreSQL wire protocol server on {}:{}{} (database strata, the password is a bearer token)",
                settings.host(),
                settings.port(),
                ssl != null ? ", TLS for clients that ask" : "");
    }

    private SslContext tls() {
        if (!settings.tls().enabled()) {
            return null;
        }
        try {
            return SslContextBuilder.forServer(
                            new File(settings.tls().certificate()),
                            new File(settings.tls().privateKey()))
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "strata.sql.postgres.tls: cannot read the certificate "
                            + settings.tls().certificate()
                            + " or the private key " + settings.tls().privateKey()
                            + " (PEM files, the key in PKCS#8): " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close().syncUninterruptibly();
            channels.close().syncUninterruptibly();
            server = null;
        }
        if (loops != null) {
            loops.dispose();
            loops = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Sessions open now (for tests and metrics). */
    int sessions() {
        return services.cancels().open();
    }
}
