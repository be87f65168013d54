package io.strata.api.sql.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the bytes a PostgreSQL client sends into {@link FrontendMessage}s: first untyped startup-phase messages
 * (length, code: SSLRequest, GSSENCRequest, CancelRequest, StartupMessage), then typed ones (a type byte, a length
 * that counts itself, the body). A message longer than the limit, or malformed, fails the connection with a
 * {@link ProtocolException}.
 */
final class PgDecoder extends ByteToMessageDecoder {

    static final int SSL_REQUEST = 80877103;
    static final int GSSENC_REQUEST = 80877104;
    static final int CANCEL_REQUEST = 80877102;

    private final int maxMessageSize;
    private boolean startupPhase = true;

    PgDecoder(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** A message that breaks the protocol. */
    static final class ProtocolException extends DecoderException {
        ProtocolException(String message) {
            super(message);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (startupPhase) {
            if (in.readableBytes() < 8) {
                return;
            }
            int length = in.getInt(in.readerIndex());
            if (length < 8 || length > 10_000) {
                throw new ProtocolException("invalid length of startup packet: " + length);
            }
            if (in.readableBytes() < length) {
                return;
            }
            ByteBuf message = in.readSlice(length);
            message.skipBytes(4);
            out.add(startup(message));
            return;
        }
        if (in.readableBytes() < 5) {
            return;
        }
        char type = (char) in.getByte(in.readerIndex());
        int length = in.getInt(in.readerIndex() + 1);
        if (length < 4 || length > maxMessageSize) {
            throw new ProtocolException("invalid message length " + length + " for message type '" + type
                    + "' (at most " + maxMessageSize + " bytes: strata.sql.postgres.max-message-size)");
        }
        if (in.readableBytes() < length + 1) {
            return;
        }
        in.skipBytes(5);
        ByteBuf body = in.readSlice(length - 4);
        out.add(typed(type, body));
    }

    private FrontendMessage startup(ByteBuf message) {
        int code = message.readInt();
        switch (code) {
            case SSL_REQUEST:
                return new FrontendMessage.SslRequest(); // the startup message follows
            case GSSENC_REQUEST:
                return new FrontendMessage.GssEncRequest();
            case CANCEL_REQUEST:
                startupPhase = false;
                return new FrontendMessage.CancelRequest(message.readInt(), message.readInt());
            default:
                break;
        }
        int major = code >>> 16;
        int minor = code & 0xFFFF;
        Map<String, String> parameters = new LinkedHashMap<>();
        while (message.isReadable()) {
            String name = string(message);
            if (name.isEmpty()) {
                break;
            }
            parameters.put(name, string(message));
        }
        startupPhase = false;
        return new FrontendMessage.Startup(major, minor, parameters);
    }

    static FrontendMessage typed(char type, ByteBuf body) {
        switch (type) {
            case 'p':
                return new FrontendMessage.Password(string(body));
            case 'Q':
                return new FrontendMessage.Query(string(body));
            case 'P': {
                String name = string(body);
                String sql = string(body);
                int count = body.readUnsignedShort();
                List<Integer> types = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    types.add(body.readInt());
                }
                return new FrontendMessage.Parse(name, sql, types);
            }
            case 'B': {
                String portal = string(body);
                String statement = string(body);
                List<Short> formats = shorts(body);
                int count = body.readUnsignedShort();
                List<byte[]> values = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    int length = body.readInt();
                    if (length < 0) {
                        values.add(null);
                    } else {
                        byte[] value = new byte[length];
                        body.readBytes(value);
                        values.add(value);
                    }
                }
                return new FrontendMessage.Bind(portal, statement, formats, values, shorts(body));
            }
            case 'D':
                return new FrontendMessage.Describe((char) body.readByte(), string(body));
            case 'E':
                return new FrontendMessage.Execute(string(body), body.readInt());
            case 'S':
                return new FrontendMessage.Sync();
            case 'H':
                return new FrontendMessage.Flush();
            case 'C':
                return new FrontendMessage.Close((char) body.readByte(), string(body));
            case 'X':
                return new FrontendMessage.Terminate();
            default:
                return new FrontendMessage.Unsupported(type);
        }
    }

    private static List<Short> shorts(ByteBuf body) {
        int count = body.readUnsignedShort();
        List<Short> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(body.readShort());
        }
        return values;
    }

    /** A NUL-terminated UTF-8 string. */
    static String string(ByteBuf body) {
        int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new ProtocolException("a string of the message is not NUL-terminated");
        }
        String value = body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8);
        body.readerIndex(end + 1);
        return value;
    }
}
