package io.strata.api.sql.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.strata.api.sql.PgType;
import io.strata.api.sql.SqlColumn;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes the messages this server sends, as protocol 3.0 defines them: a type byte, a length counting itself, the
 * body. Each method writes one whole message into a new buffer of {@code alloc}.
 */
final class BackendMessages {

    private BackendMessages() {}

    /** 'R' AuthenticationOk (0) or AuthenticationCleartextPassword (3). */
    static ByteBuf authentication(ByteBufAllocator alloc, int code) {
        ByteBuf out = alloc.buffer(9);
        out.writeByte('R').writeInt(8).writeInt(code);
        return out;
    }

    static ByteBuf parameterStatus(ByteBufAllocator alloc, String name, String value) {
        ByteBuf out = start(alloc, 'S');
        string(out, name);
        string(out, value);
        return end(out);
    }

    static ByteBuf backendKeyData(ByteBufAllocator alloc, int processId, int secretKey) {
        ByteBuf out = alloc.buffer(13);
        out.writeByte('K').writeInt(12).writeInt(processId).writeInt(secretKey);
        return out;
    }

    /** 'Z' with the transaction status: 'I' idle, 'T' in a transaction block, 'E' in a failed one. */
    static ByteBuf readyForQuery(ByteBufAllocator alloc, char status) {
        ByteBuf out = alloc.buffer(6);
        out.writeByte('Z').writeInt(5).writeByte(status);
        return out;
    }

    /** 'v': the minor version this server speaks and the protocol options it did not recognize. */
    static ByteBuf negotiateProtocolVersion(ByteBufAllocator alloc, int minor, List<String> unrecognized) {
        ByteBuf out = start(alloc, 'v');
        out.writeInt(minor).writeInt(unrecognized.size());
        unrecognized.forEach(option -> string(out, option));
        return end(out);
    }

    /**
     * 'T': the columns, each with its type and format code.
     *
     * @param formats as Bind gives them: none (all text), one (for all) or one per column
     */
    static ByteBuf rowDescription(ByteBufAllocator alloc, List<SqlColumn> columns, List<Short> formats) {
        ByteBuf out = start(alloc, 'T');
        out.writeShort(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            SqlColumn column = columns.get(i);
            PgType type = column.type();
            string(out, column.name());
            out.writeInt(0); // table oid
            out.writeShort(0); // column number
            out.writeInt(type.oid());
            out.writeShort(type.length() > 0 ? type.length() : -1);
            out.writeInt(-1); // type modifier
            out.writeShort(format(formats, i));
        }
        return end(out);
    }

    /** The format code of column {@code i}. */
    static int format(List<Short> formats, int i) {
        if (formats.isEmpty()) {
            return 0;
        }
        return formats.size() == 1 ? formats.get(0) : formats.get(i);
    }

    /** 'D': one row's values, appended to {@code out} (rows are written in batches). */
    static void dataRow(ByteBuf out, Object[] values, List<SqlColumn> columns, List<Short> formats) {
        int start = out.writerIndex();
        try {
            out.writeByte('D').writeInt(0);
            out.writeShort(values.length);
            for (int i = 0; i < values.length; i++) {
                PgValues.write(out, values[i], columns.get(i).type(), format(formats, i));
            }
            out.setInt(start + 1, out.writerIndex() - start - 1);
        } catch (RuntimeException e) {
            out.writerIndex(start); // no half row on the wire
            throw e;
        }
    }

    static ByteBuf commandComplete(ByteBufAllocator alloc, String tag) {
        ByteBuf out = start(alloc, 'C');
        string(out, tag);
        return end(out);
    }

    static ByteBuf parameterDescription(ByteBufAllocator alloc, List<Integer> oids) {
        ByteBuf out = start(alloc, 't');
        out.writeShort(oids.size());
        oids.forEach(out::writeInt);
        return end(out);
    }

    /** Messages without a body: '1' ParseComplete, '2' BindComplete, '3' CloseComplete, 'n' NoData, 's'
     * PortalSuspended, 'I' EmptyQueryResponse. */
    static ByteBuf empty(ByteBufAllocator alloc, char type) {
        ByteBuf out = alloc.buffer(5);
        out.writeByte(type).writeInt(4);
        return out;
    }

    /**
     * 'E' ErrorResponse or 'N' NoticeResponse.
     *
     * @param severity ERROR, FATAL, WARNING, NOTICE
     * @param hint null for none
     * @param position the statement character the error is at, 0 for none
     */
    static ByteBuf error(
            ByteBufAllocator alloc,
            char type,
            String severity,
            String code,
            String message,
            String detail,
            String hint,
            int position) {
        ByteBuf out = start(alloc, type);
        field(out, 'S', severity);
        field(out, 'V', severity);
        field(out, 'C', code);
        field(out, 'M', message);
        if (detail != null) {
            field(out, 'D', detail);
        }
        if (hint != null) {
            field(out, 'H', hint);
        }
        if (position > 0) {
            field(out, 'P', Integer.toString(position));
        }
        out.writeByte(0);
        return end(out);
    }

    private static void field(ByteBuf out, char code, String value) {
        out.writeByte(code);
        string(out, value);
    }

    private static ByteBuf start(ByteBufAllocator alloc, char type) {
        ByteBuf out = alloc.buffer();
        out.writeByte(type).writeInt(0);
        return out;
    }

    private static ByteBuf end(ByteBuf out) {
        out.setInt(1, out.writerIndex() - 1);
        return out;
    }

    private static void string(ByteBuf out, String value) {
        out.writeCharSequence(value, StandardCharsets.UTF_8);
        out.writeByte(0);
    }
}
