package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.schema.fixtures.MalformedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar strata.jar detect} as the README writes it, with no JVM flag: the built jar (the package phase's,
 * as {@link StrataNode} uses) opens what Arrow needs itself, and one file that cannot be read does not end the run.
 * Needs no stack: the command starts no service.
 */
class StrataJarDetectIT {

    @Test
    void detectReadsAnArrowFileWithoutJvmFlagsAndReportsEveryFileOfARunWhateverFails(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path arrow = Files.write(dir.resolve("flights.arrow"), MalformedFiles.flightsArrow(50));
        Path parquet = Files.write(dir.resolve("data.parquet"), MalformedFiles.truncatedParquet());
        Path csv = Files.write(dir.resolve("mac.csv"), MalformedFiles.mixedLineEndingsCsv(30, 0));
        Path missing = dir.resolve("missing.csv");
        String jar = System.getProperty(StrataNode.JAR_PROPERTY);
        assertThat(jar)
                .as("the packaged jar (run through failsafe: %s)", StrataNode.JAR_PROPERTY)
                .isNotNull();
        assertThat(Path.of(jar)).isRegularFile();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar, "detect"));
        for (Path p : List.of(missing, arrow, parquet, csv)) {
            command.add(p.toString());
        }
        Path errors = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("detect finished").isTrue();
        List<String> lines = new String(output, StandardCharsets.UTF_8).lines().toList();

        assertThat(lines)
                .as("standard output is one JSON line per file, in order (stderr: %s)", Files.readString(errors))
                .hasSize(4)
                .allSatisfy(line -> assertThat(line).startsWith("{\"file\":"));
        assertThat(lines.get(0)).contains("\"error\"").contains("no such file");
        assertThat(lines.get(1))
                .contains("\"format\":\"arrow\"")
                .contains("\"rows\":50")
                .contains("\"timestampColumn\":\"departed\"")
                .doesNotContain("add-opens")
                .doesNotContain("\"error\"");
        assertThat(lines.get(2))
                .contains("\"error\"")
                .contains("does not end like one")
                .doesNotContain("blue.strategic");
        assertThat(lines.get(3)).contains("\"format\":\"csv\"").contains("\"rows\":30");
        assertThat(process.exitValue()).as("some file could not be read").isEqualTo(1);
    }
}
