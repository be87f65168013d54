package io.strata.api.sql.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.strata.api.sql.PgText;
import io.strata.api.sql.PgType;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlState;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Values in PostgreSQL's text and binary formats. The text expectations are what a PostgreSQL 15 server printed for
 * the same values ({@code select 1e15::float8, ...}); the binary ones follow its send/recv functions.
 */
class PgValuesTest {

    static byte[] written(Object value, PgType type, int format) {
        ByteBuf out = Unpooled.buffer();
        PgValues.write(out, value, type, format);
        byte[] bytes = ByteBufUtil.getBytes(out, 4, out.readableBytes() - 4);
        out.release();
        return bytes;
    }

    @Test
    void floatsAreWrittenAsPostgresWritesThem() {
        assertThat(PgText.float8(1e15)).isEqualTo("1e+15");
        assertThat(PgText.float8(1e14)).isEqualTo("100000000000000");
        assertThat(PgText.float8(123456789012345.6)).isEqualTo("123456789012345.6");
        assertThat(PgText.float8(0.0001)).isEqualTo("0.0001");
        assertThat(PgText.float8(0.00001)).isEqualTo("1e-05");
        assertThat(PgText.float8(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(PgText.float8(490351.94999999984)).isEqualTo("490351.94999999984");
        assertThat(PgText.float8(1.0)).isEqualTo("1");
        assertThat(PgText.float8(-0.0)).isEqualTo("-0");
        assertThat(PgText.float8(Double.NaN)).isEqualTo("NaN");
        assertThat(PgText.float8(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(PgText.float4(1e6f)).isEqualTo("1e+06");
        assertThat(PgText.float4(100000f)).isEqualTo("100000");
        assertThat(PgText.float4(1.1f)).isEqualTo("1.1");
        assertThat(PgText.float4(3.4e38f)).isEqualTo("3.4e+38");
        assertThat(PgText.float4(123456.7f)).isEqualTo("123456.7");
    }

    @Test
    void druidTimestampsAndDatesBecomePostgresText() {
        assertThat(PgText.of("2024-03-01T00:00:00.000Z", PgType.TIMESTAMPTZ)).isEqualTo("2024-03-01 00:00:00+00");
        assertThat(PgText.of("2024-03-01T00:00:00.120Z", PgType.TIMESTAMPTZ)).isEqualTo("2024-03-01 00:00:00.12+00");
        assertThat(PgText.of("2024-03-01T01:00:00.000+01:00", PgType.TIMESTAMPTZ))
                .isEqualTo("2024-03-01 01:00:00+01");
        assertThat(PgText.of("2024-03-01T05:30:00.000+05:30", PgType.TIMESTAMPTZ))
                .isEqualTo("2024-03-01 05:30:00+05:30");
        assertThat(PgText.of("2024-03-01T00:00:00.000Z", PgType.DATE)).isEqualTo("2024-03-01");
        assertThat(PgText.of(true, PgType.BOOL)).isEqualTo("t");
        assertThat(PgText.of(List.of("a", "b c", "d\"e"), PgType.TEXT_ARRAY)).isEqualTo("{a,\"b c\",\"d\\\"e\"}");
        assertThat(PgText.array(java.util.Arrays.asList("x", null))).isEqualTo("{x,NULL}");
    }

    @Test
    void binaryValuesFollowTheSendFunctions() {
        assertThat(written(true, PgType.BOOL, 1)).containsExactly(1);
        assertThat(written(-2L, PgType.INT4, 1)).containsExactly(0xff, 0xff, 0xff, 0xfe);
        assertThat(written(1L, PgType.INT8, 1)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(written(1.5, PgType.FLOAT8, 1)).containsExactly(0x3f, 0xf8, 0, 0, 0, 0, 0, 0);
        // 2000-01-02 00:00:00.000001 UTC is one day and a microsecond after PostgreSQL's epoch
        assertThat(written(OffsetDateTime.of(2000, 1, 2, 0, 0, 0, 1000, ZoneOffset.UTC), PgType.TIMESTAMPTZ, 1))
                .containsExactly(ByteBufUtil.decodeHexDump("000000141dd76001"));
        assertThat(written("2000-01-02T00:00:00.000Z", PgType.TIMESTAMPTZ, 1))
                .containsExactly(ByteBufUtil.decodeHexDump("000000141dd76000"));
        assertThat(written("1999-12-31T00:00:00.000Z", PgType.DATE, 1)).containsExactly(0xff, 0xff, 0xff, 0xff);
        assertThat(written("héllo", PgType.TEXT, 1)).containsExactly("héllo".getBytes(StandardCharsets.UTF_8));
        // numeric 12345.678: digits 1 2345 6780, weight 1, scale 3
        assertThat(written(new BigDecimal("12345.678"), PgType.NUMERIC, 1))
                .containsExactly(ByteBufUtil.decodeHexDump("0003 0001 0000 0003 0001 0929 1a7c".replace(" ", "")));
        assertThat(written(new BigDecimal("-0.01"), PgType.NUMERIC, 1))
                .containsExactly(ByteBufUtil.decodeHexDump("0001 ffff 4000 0002 0064".replace(" ", "")));
    }

    @Test
    void numericRoundTripsThroughBinary() {
        Random random = new Random(17);
        for (int i = 0; i < 2_000; i++) {
            BigDecimal value = new BigDecimal(new java.math.BigInteger(60, random), random.nextInt(12))
                    .multiply(random.nextBoolean() ? BigDecimal.ONE : BigDecimal.ONE.negate());
            byte[] bytes = written(value, PgType.NUMERIC, 1);
            assertThat(PgValues.readNumeric(bytes)).as("%s", value).isEqualByComparingTo(value);
        }
    }

    @Test
    void parametersAreReadInTextAndBinary() {
        assertThat(PgValues.read("42".getBytes(), 23, 0, 1)).isEqualTo(42L);
        assertThat(PgValues.read(new byte[] {0, 0, 0, 42}, 23, 1, 1)).isEqualTo(42L);
        assertThat(PgValues.read(ByteBufUtil.decodeHexDump("3ff8000000000000"), 701, 1, 1))
                .isEqualTo(1.5);
        assertThat(PgValues.read("t".getBytes(), 16, 0, 1)).isEqualTo(true);
        assertThat(PgValues.read("FR".getBytes(), 0, 0, 1)).isEqualTo("FR");
        assertThat(PgValues.read("2024-03-01".getBytes(), 1082, 0, 1)).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(PgValues.read("2024-03-01 10:00:00+02".getBytes(), 1184, 0, 1))
                .isEqualTo(OffsetDateTime.of(2024, 3, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2)));
        assertThat(PgValues.read(ByteBufUtil.decodeHexDump("000000141dd76000"), 1184, 1, 1))
                .isEqualTo(OffsetDateTime.of(2000, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(PgValues.read(null, 23, 0, 1)).isNull();
        assertThatThrownBy(() -> PgValues.read("x1".getBytes(), 20, 0, 3))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.INVALID_TEXT_REPRESENTATION);
                    assertThat(e.getMessage()).isEqualTo("parameter $3 is not a valid int8: \"x1\"");
                });
        assertThatThrownBy(() -> PgValues.read(new byte[] {1, 2}, 23, 1, 1))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.PROTOCOL_VIOLATION));
    }
}
