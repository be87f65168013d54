package io.strata.api.sql.druid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Druid's row lines read without a JSON parser, against what Jackson (Druid's own writer) wrote for random rows. */
class JsonArrayLineTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String[] TYPES = {"VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN", "TIMESTAMP", "ARRAY", "FLOAT"};

    @Test
    void readsWhatJacksonWroteForRandomRows() {
        Random random = new Random(33);
        JsonArrayLine reader = new JsonArrayLine(TYPES);
        for (int i = 0; i < 5_000; i++) {
            Object[] row = {
                random.nextInt(5) == 0 ? null : text(random),
                random.nextInt(5) == 0 ? null : random.nextLong() / (random.nextBoolean() ? 1 : 1_000_000_000L),
                random.nextInt(5) == 0 ? null : random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15),
                random.nextInt(3) == 0 ? null : random.nextBoolean(),
                "2024-03-01T00:0" + random.nextInt(10) + ":00.000Z",
                "[\"a\",\"b" + random.nextInt(9) + "\"]",
                random.nextInt(4) == 0 ? null : (double) random.nextFloat()
            };
            byte[] line = JSON.writeValueAsString(Arrays.asList(row)).getBytes(StandardCharsets.UTF_8);
            assertThat(reader.values(line))
                    .as(new String(line, StandardCharsets.UTF_8))
                    .containsExactly(row);
        }
    }

    @Test
    void keepsANestedValueAsItsJsonAndReadsIntegersOfDoubleColumnsAsDoubles() {
        JsonArrayLine reader = new JsonArrayLine(new String[] {"ARRAY", "DOUBLE", "BIGINT", "OTHER"});
        byte[] line = "[[\"x\",[1,\"]\"]],13,-7,{\"k\":\"v\"}]".getBytes(StandardCharsets.UTF_8);
        assertThat(reader.values(line)).containsExactly("[\"x\",[1,\"]\"]]", 13.0, -7L, "{\"k\":\"v\"}");
        assertThat(new JsonArrayLine(new String[0]).values("[]".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    private static String text(Random random) {
        String alphabet = "abc \"\\/\n\t\u00e9\u4e2d\ud83d\ude00,]";
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c)) {
                s.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                s.append(c);
            }
        }
        return s.toString();
    }
}
