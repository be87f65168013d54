package io.strata.api.sql.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.strata.api.sql.ResultPart;
import io.strata.api.sql.SqlColumn;
import java.util.List;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * A portal: a bound statement and, once a query runs, its rows streaming to the client. Rows are requested from the
 * query only as the client's socket takes them (in batches of {@value #BATCH}, and only while the channel is
 * writable), so a result of any size passes with bounded memory; {@code max rows} suspends the portal, which resumes
 * at the next Execute. All methods run on the connection's event loop, and so do the query's signals.
 */
final class PgPortal {

    static final int BATCH = 256;
    private static final int WRITE_SIZE = 64 * 1024;

    /** What a portal tells its connection as its query runs. */
    interface Listener {
        void header(PgPortal portal);

        void suspended(PgPortal portal);

        void completed(PgPortal portal);

        void failed(PgPortal portal, Throwable error);
    }

    enum State {
        NEW,
        OPENING,
        OPEN,
        DONE
    }

    final String name;
    final PgSession.Prepared prepared;
    final List<Object> parameters;
    final List<Short> resultFormats;
    private final ChannelHandlerContext ctx;
    private Listener listener;
    private State state = State.NEW;
    private List<SqlColumn> columns;
    private Rows rows;
    private ByteBuf batch;
    private long sent;
    private long target;
    private long outstanding;
    private boolean described;

    PgPortal(
            String name,
            PgSession.Prepared prepared,
            List<Object> parameters,
            List<Short> resultFormats,
            ChannelHandlerContext ctx) {
        this.name = name;
        this.prepared = prepared;
        this.parameters = parameters;
        this.resultFormats = resultFormats;
        this.ctx = ctx;
    }

    PgSession.Prepared prepared() {
        return prepared;
    }

    State state() {
        return state;
    }

    List<SqlColumn> columns() {
        return columns;
    }

    long sent() {
        return sent;
    }

    /** Whether the RowDescription was sent (by Describe), so Execute does not send it again. */
    boolean described() {
        return described;
    }

    void markDescribed() {
        described = true;
    }

    /** The listener of the portal's next step (open, fetch). */
    void listen(Listener next) {
        this.listener = next;
    }

    /** The query is being planned: the portal is no longer NEW. */
    void markStarting() {
        state = State.OPENING;
    }

    /** Starts the query; the listener hears of its header. */
    void start(Flux<ResultPart> results, Scheduler loop) {
        state = State.OPENING;
        rows = new Rows();
        results.publishOn(loop, 64).subscribe(rows);
    }

    /** Sends up to {@code maxRows} more rows (0: all); the listener hears whether the portal suspended or ended. */
    void fetch(int maxRows) {
        if (state == State.DONE) {
            listener.completed(this);
            return;
        }
        target = maxRows <= 0 ? Long.MAX_VALUE : sent + maxRows;
        demand();
    }

    /** The channel is writable again: rows may flow. */
    void writable() {
        if (state == State.OPEN && sent < target) {
            demand();
        }
    }

    private void demand() {
        if (state != State.OPEN
                || outstanding > 0
                || sent >= target
                || !ctx.channel().isWritable()) {
            return;
        }
        long n = Math.min(BATCH, target - sent);
        outstanding = n;
        rows.demand(n);
    }

    /** Ends the portal's query, if it runs (the client closed it, the transaction ended, the session ended). */
    void close() {
        if (rows != null && state != State.DONE) {
            rows.dispose();
        }
        state = State.DONE;
        release();
    }

    private void release() {
        if (batch != null) {
            batch.release();
            batch = null;
        }
    }

    private void writeBatch() {
        if (batch != null && batch.isReadable()) {
            ctx.write(batch);
            batch = null;
        }
    }

    private void row(Object[] values) {
        if (batch == null) {
            batch = ctx.alloc().buffer(WRITE_SIZE + 4096);
        }
        BackendMessages.dataRow(batch, values, columns, resultFormats);
        sent++;
        outstanding--;
        if (batch.readableBytes() >= WRITE_SIZE) {
            writeBatch();
        }
        if (sent >= target) {
            writeBatch();
            outstanding = 0;
            listener.suspended(this);
        } else if (outstanding == 0) {
            writeBatch();
            ctx.flush();
            demand();
        }
    }

    /** The query's subscriber; its signals arrive on the event loop (publishOn). */
    private final class Rows extends BaseSubscriber<ResultPart> {

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(1); // the header
        }

        void demand(long n) {
            request(n);
        }

        @Override
        protected void hookOnNext(ResultPart part) {
            if (state == State.DONE) {
                return;
            }
            if (part instanceof ResultPart.Header header) {
                columns = header.columns();
                state = State.OPEN;
                listener.header(PgPortal.this);
                return;
            }
            row(((ResultPart.Row) part).values());
        }

        @Override
        protected void hookOnComplete() {
            if (state == State.DONE) {
                return;
            }
            writeBatch();
            state = State.DONE;
            listener.completed(PgPortal.this);
        }

        @Override
        protected void hookOnError(Throwable error) {
            if (state == State.DONE) {
                return;
            }
            writeBatch();
            state = State.DONE;
            listener.failed(PgPortal.this, error);
        }
    }
}
