package io.strata.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Finds the local Maven repository and turns a service's classpath file into real jar paths. */
final class MavenRepository {

    private static final String PLACEHOLDER = "M2_REPO";

    private MavenRepository() {}

    /** {@code maven.repo.local} when set (as Maven passes it), else {@code ~/.m2/repository}. */
    static Path locate() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * The jars of a service, read from the classpath file its runtime module wrote at build time.
     *
     * @throws IllegalStateException naming the first missing jar, when the build has not fetched them
     */
    static List<Path> classpath(String service, Path repository) {
        String resource = "META-INF/strata/stack/" + service + ".classpath";
        String text;
        try (InputStream in = MavenRepository.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath file " + resource + " is missing: build Strata with "
                        + "'./mvnw install' so infra/" + service + "-runtime writes it");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> jars = new ArrayList<>();
        for (String entry : Arrays.asList(text.split(":"))) {
            Path jar = Path.of(entry.replace(PLACEHOLDER, repository.toString()));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the " + service + " jar " + jar + " is not in the local Maven "
                        + "repository " + repository + ": run './mvnw install' (or set strata.stack.maven-repository)");
            }
            jars.add(jar);
        }
        return List.copyOf(jars);
    }
}
