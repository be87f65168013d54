package io.strata.api.sql.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.strata.api.sql.PgType;
import io.strata.api.sql.SqlColumn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The protocol's messages byte by byte, as the PostgreSQL 15 documentation's "Message Formats" defines them. */
class PgMessagesTest {

    static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    static byte[] bytes(ByteBuf buf) {
        byte[] out = ByteBufUtil.getBytes(buf);
        buf.release();
        return out;
    }

    static byte[] hex(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
    }

    static byte[] cstring(String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(text, text.length + 1);
    }

    /** A typed frontend message: type, length counting itself, body. */
    static ByteBuf typed(char type, byte[]... parts) {
        ByteBuf body = Unpooled.buffer();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        ByteBuf out = Unpooled.buffer();
        out.writeByte(type).writeInt(body.readableBytes() + 4).writeBytes(body);
        return out;
    }

    static EmbeddedChannel decoding() {
        return new EmbeddedChannel(new PgDecoder(1024 * 1024));
    }

    static ByteBuf startup(Map<String, String> parameters) {
        ByteBuf body = Unpooled.buffer();
        body.writeInt(196608);
        parameters.forEach((k, v) -> body.writeBytes(cstring(k)).writeBytes(cstring(v)));
        body.writeByte(0);
        ByteBuf out = Unpooled.buffer();
        out.writeInt(body.readableBytes() + 4).writeBytes(body);
        return out;
    }

    @Test
    void decodesSslRequestThenTheStartupMessageThenTypedMessages() {
        EmbeddedChannel channel = decoding();
        channel.writeInbound(Unpooled.wrappedBuffer(hex("00000008 04d2162f")));
        assertThat((Object) channel.readInbound()).isInstanceOf(FrontendMessage.SslRequest.class);
        ByteBuf start = startup(Map.of("user", "alice", "database", "strata"));
        // split in two reads: the decoder waits for the whole message
        channel.writeInbound(start.readRetainedSlice(5));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(start);
        FrontendMessage.Startup startup = channel.readInbound();
        assertThat(startup.major()).isEqualTo(3);
        assertThat(startup.minor()).isZero();
        assertThat(startup.parameters()).containsEntry("user", "alice").containsEntry("database", "strata");
        channel.writeInbound(typed('p', cstring("token-text")), typed('Q', cstring("SELECT 1")));
        assertThat(((FrontendMessage.Password) channel.readInbound()).password())
                .isEqualTo("token-text");
        assertThat(((FrontendMessage.Query) channel.readInbound()).sql()).isEqualTo("SELECT 1");
    }

    @Test
    void decodesACancelRequestWithItsProcessIdAndKey() {
        EmbeddedChannel channel = decoding();
        channel.writeInbound(Unpooled.wrappedBuffer(hex("00000010 04d2162e 00003039 deadbeef")));
        FrontendMessage.CancelRequest cancel = channel.readInbound();
        assertThat(cancel.processId()).isEqualTo(12345);
        assertThat(cancel.secretKey()).isEqualTo(0xdeadbeef);
    }

    @Test
    void decodesTheExtendedProtocolMessages() {
        EmbeddedChannel channel = decoding();
        channel.writeInbound(startup(Map.of("user", "u")));
        channel.readInbound();
        ByteBuf parse = typed('P', cstring("s1"), cstring("SELECT $1, $2"), hex("0002 00000017 00000000"));
        // Bind: portal, statement, 2 formats (binary, text), 2 values (int4 7, NULL), 1 result format (binary)
        ByteBuf bind = typed(
                'B',
                cstring("p1"),
                cstring("s1"),
                hex("0002 0001 0000"),
                hex("0002 00000004 00000007 ffffffff"),
                hex("0001 0001"));
        channel.writeInbound(
                parse,
                bind,
                typed('D', new byte[] {'P'}, cstring("p1")),
                typed('E', cstring("p1"), hex("00000064")),
                typed('C', new byte[] {'S'}, cstring("s1")),
                typed('H'),
                typed('S'),
                typed('X'),
                typed('d', hex("0102")));
        FrontendMessage.Parse p = channel.readInbound();
        assertThat(p.name()).isEqualTo("s1");
        assertThat(p.sql()).isEqualTo("SELECT $1, $2");
        assertThat(p.parameterTypes()).containsExactly(23, 0);
        FrontendMessage.Bind b = channel.readInbound();
        assertThat(b.portal()).isEqualTo("p1");
        assertThat(b.statement()).isEqualTo("s1");
        assertThat(b.parameterFormats()).containsExactly((short) 1, (short) 0);
        assertThat(b.values().get(0)).containsExactly(0, 0, 0, 7);
        assertThat(b.values().get(1)).isNull();
        assertThat(b.resultFormats()).containsExactly((short) 1);
        FrontendMessage.Describe d = channel.readInbound();
        assertThat(d.kind()).isEqualTo('P');
        assertThat(d.name()).isEqualTo("p1");
        FrontendMessage.Execute e = channel.readInbound();
        assertThat(e.portal()).isEqualTo("p1");
        assertThat(e.maxRows()).isEqualTo(100);
        FrontendMessage.Close c = channel.readInbound();
        assertThat(c.kind()).isEqualTo('S');
        assertThat((Object) channel.readInbound()).isInstanceOf(FrontendMessage.Flush.class);
        assertThat((Object) channel.readInbound()).isInstanceOf(FrontendMessage.Sync.class);
        assertThat((Object) channel.readInbound()).isInstanceOf(FrontendMessage.Terminate.class);
        assertThat(((FrontendMessage.Unsupported) channel.readInbound()).type()).isEqualTo('d');
    }

    @Test
    void refusesAMessageLongerThanTheLimitAndAStringWithoutTerminator() {
        EmbeddedChannel channel = new EmbeddedChannel(new PgDecoder(64));
        channel.writeInbound(startup(Map.of("user", "u")));
        channel.readInbound();
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(hex("51 00010000"))))
                .hasMessageContaining("invalid message length 65536")
                .hasMessageContaining("strata.sql.postgres.max-message-size");
        EmbeddedChannel other = decoding();
        other.writeInbound(startup(Map.of("user", "u")));
        other.readInbound();
        assertThatThrownBy(() -> other.writeInbound(typed('Q', "no end".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("not NUL-terminated");
    }

    @Test
    void encodesAuthenticationStatusKeyAndReadyMessages() {
        assertThat(bytes(BackendMessages.authentication(ALLOC, 3))).containsExactly(hex("52 00000008 00000003"));
        assertThat(bytes(BackendMessages.authentication(ALLOC, 0))).containsExactly(hex("52 00000008 00000000"));
        assertThat(bytes(BackendMessages.parameterStatus(ALLOC, "TimeZone", "UTC")))
                .containsExactly(hex("53 00000011 54696d655a6f6e6500 55544300"));
        assertThat(bytes(BackendMessages.backendKeyData(ALLOC, 7, -1)))
                .containsExactly(hex("4b 0000000c 00000007 ffffffff"));
        assertThat(bytes(BackendMessages.readyForQuery(ALLOC, 'T'))).containsExactly(hex("5a 00000005 54"));
        assertThat(bytes(BackendMessages.commandComplete(ALLOC, "SELECT 2")))
                .containsExactly(hex("43 0000000d 53454c4543542032 00"));
        assertThat(bytes(BackendMessages.empty(ALLOC, 's'))).containsExactly(hex("73 00000004"));
        assertThat(bytes(BackendMessages.parameterDescription(ALLOC, List.of(23, 25))))
                .containsExactly(hex("74 0000000e 0002 00000017 00000019"));
    }

    @Test
    void encodesRowDescriptionAndDataRowsInTextAndBinary() {
        List<SqlColumn> columns = List.of(SqlColumn.of("n", PgType.INT8), SqlColumn.of("s", PgType.TEXT));
        assertThat(bytes(BackendMessages.rowDescription(ALLOC, columns, List.of((short) 1, (short) 0))))
                .containsExactly(hex("54 0000002e 0002"
                        + " 6e00 00000000 0000 00000014 0008 ffffffff 0001"
                        + " 7300 00000000 0000 00000019 ffff ffffffff 0000"));
        ByteBuf rows = Unpooled.buffer();
        BackendMessages.dataRow(rows, new Object[] {42L, null}, columns, List.of((short) 1, (short) 0));
        BackendMessages.dataRow(rows, new Object[] {-1L, "é"}, columns, List.of());
        assertThat(bytes(rows))
                .containsExactly(hex("44 00000016 0002 00000008 000000000000002a ffffffff"
                        + " 44 00000012 0002 00000002 2d31 00000002 c3a9"));
    }

    @Test
    void aRowThatCannotBeEncodedLeavesNothingHalfWritten() {
        List<SqlColumn> columns = List.of(SqlColumn.of("a", PgType.TEXT_ARRAY));
        ByteBuf rows = Unpooled.buffer();
        BackendMessages.dataRow(rows, new Object[] {List.of("x")}, columns, List.of());
        int before = rows.writerIndex();
        assertThatThrownBy(
                        () -> BackendMessages.dataRow(rows, new Object[] {List.of("y")}, columns, List.of((short) 1)))
                .hasMessageContaining("binary format is not supported for type _text");
        assertThat(rows.writerIndex()).isEqualTo(before);
        rows.release();
    }

    @Test
    void encodesErrorResponsesWithSeverityCodeMessageHintAndPosition() {
        byte[] error = bytes(
                BackendMessages.error(ALLOC, 'E', "ERROR", "42P01", "relation \"x\" does not exist", null, "look", 15));
        String fields = new String(error, 5, error.length - 5, StandardCharsets.UTF_8);
        assertThat(error[0]).isEqualTo((byte) 'E');
        assertThat(fields).isEqualTo("SERROR\0VERROR\0C42P01\0Mrelation \"x\" does not exist\0Hlook\0P15\0\0");
        assertThat(((error[1] & 0xff) << 24 | (error[2] & 0xff) << 16 | (error[3] & 0xff) << 8 | (error[4] & 0xff)))
                .isEqualTo(error.length - 1);
    }
}
