package io.strata.specs.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.specs.SpecJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Example specs from Druid's documentation read into the model and write back as the same JSON tree. */
class GoldenDruidExamplesTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("native-batch-parallel-example.json", IndexParallelTask.class),
                Arguments.of("ingestion-spec-reference-example.json", IndexParallelTask.class),
                Arguments.of("rollup-with-transform-example.json", IndexParallelTask.class),
                Arguments.of("delimited-http-example.json", IndexParallelTask.class),
                Arguments.of("kafka-supervisor-example.json", KafkaSupervisorSpec.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void documentedExampleWritesBackUnchanged(String file, Class<?> type) throws IOException {
        String original = resource(file);

        Object spec = SpecJson.read(original, type);
        String written = SpecJson.write(spec);

        assertThat(SpecJson.tree(written)).isEqualTo(SpecJson.tree(original));
        assertThat(SpecJson.read(written, type)).isEqualTo(spec);
    }

    static String resource(String file) throws IOException {
        try (InputStream in = GoldenDruidExamplesTest.class.getResourceAsStream("/golden/" + file)) {
            assertThat(in).as("test resource /golden/%s", file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
