package io.strata.specs.generate;

import io.strata.specs.InvalidSpecException;
import io.strata.specs.model.HttpInputSource;
import io.strata.specs.model.InlineInputSource;
import io.strata.specs.model.InputSource;
import io.strata.specs.model.LocalInputSource;
import io.strata.specs.model.S3InputSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Where Druid will read the file from; becomes the spec's {@code inputSource}. */
public sealed interface InputLocation {

    /** The Druid input source for this location. */
    InputSource toInputSource();

    /** Objects in S3 (or an S3-compatible store), {@code s3://bucket/key}; a key ending in '/' is a prefix. */
    record S3(List<String> uris) implements InputLocation {
        public S3 {
            uris = List.copyOf(uris);
        }

        @Override
        public InputSource toInputSource() {
            boolean prefixes = uris.stream().allMatch(u -> u.endsWith("/"));
            return prefixes ? S3InputSource.ofPrefixes(uris) : S3InputSource.ofUris(uris);
        }
    }

    /** A file on the Druid workers' own disk (single-machine setups and tests). */
    record Local(String path) implements InputLocation {
        public Local {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public InputSource toInputSource() {
            return LocalInputSource.ofFile(path);
        }
    }

    /** Every file under {@code baseDir} (recursively) matching the wildcard {@code filter}, on the Druid workers' disk. */
    record LocalDirectory(String baseDir, String filter) implements InputLocation {
        public LocalDirectory {
            Objects.requireNonNull(baseDir, "baseDir");
            Objects.requireNonNull(filter, "filter");
        }

        @Override
        public InputSource toInputSource() {
            return new LocalInputSource(baseDir, filter, null);
        }
    }

    /** Files Druid fetches over HTTP(S). */
    record Http(List<String> uris) implements InputLocation {
        public Http {
            uris = List.copyOf(uris);
        }

        @Override
        public InputSource toInputSource() {
            return HttpInputSource.of(uris);
        }
    }

    /** The data itself, inside the spec; for small files only. */
    record Inline(String data) implements InputLocation {
        public Inline {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public InputSource toInputSource() {
            return new InlineInputSource(data);
        }
    }

    /**
     * Parses {@code s3://...}, {@code http(s)://...}, {@code local:DIR:FILTER} (every file under DIR matching the
     * wildcard FILTER), {@code local:PATH} or a plain local path. Local paths are made absolute, since Druid resolves
     * them on its own machine.
     *
     * @throws InvalidSpecException naming the location when it is blank or has an unsupported scheme
     */
    static InputLocation parse(String location) {
        if (location == null || location.isBlank()) {
            throw new InvalidSpecException("input location must not be blank");
        }
        if (location.startsWith("local:")) {
            String rest = location.substring("local:".length());
            int colon = rest.lastIndexOf(':');
            if (colon < 0) {
                return new Local(absolute(rest, location));
            }
            String filter = rest.substring(colon + 1);
            if (filter.isBlank()) {
                throw InvalidSpecException.of(
                        "input location [%s] has an empty filter; use local:DIR:FILTER, e.g. local:/data:*.csv",
                        location);
            }
            return new LocalDirectory(absolute(rest.substring(0, colon), location), filter);
        }
        if (location.startsWith("s3://")) {
            return new S3(List.of(location));
        }
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return new Http(List.of(location));
        }
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw InvalidSpecException.of(
                    "input location [%s] has an unsupported scheme; use s3://, http(s):// or a local path", location);
        }
        return new Local(absolute(location, location));
    }

    private static String absolute(String path, String location) {
        if (path.isBlank()) {
            throw InvalidSpecException.of("input location [%s] names no path", location);
        }
        return Path.of(path).toAbsolutePath().normalize().toString();
    }
}
