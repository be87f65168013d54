package io.strata.specs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.specs.InvalidSpecException;
import io.strata.specs.model.HttpInputSource;
import io.strata.specs.model.LocalInputSource;
import io.strata.specs.model.S3InputSource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputLocationTest {

    @Test
    void s3KeysAreUrisAndKeysEndingInSlashArePrefixes() {
        assertThat(InputLocation.parse("s3://bucket/a.csv").toInputSource())
                .isEqualTo(S3InputSource.ofUris(List.of("s3://bucket/a.csv")));
        assertThat(InputLocation.parse("s3://bucket/day=1/").toInputSource())
                .isEqualTo(S3InputSource.ofPrefixes(List.of("s3://bucket/day=1/")));
    }

    @Test
    void httpUrlsAreHttpInputSources() {
        assertThat(InputLocation.parse("https://example.org/a.csv").toInputSource())
                .isEqualTo(HttpInputSource.of(List.of("https://example.org/a.csv")));
    }

    @Test
    void localDirectoryAndFilterBecomeBaseDirAndFilter() {
        assertThat(InputLocation.parse("local:/data/in:*.csv"))
                .isEqualTo(new InputLocation.LocalDirectory("/data/in", "*.csv"));
        assertThat(InputLocation.parse("local:/data/in:*.csv").toInputSource())
                .isEqualTo(new LocalInputSource("/data/in", "*.csv", null));
    }

    @Test
    void localPathsWithoutFilterAreFilesMadeAbsolute() {
        assertThat(InputLocation.parse("local:/data/a.csv")).isEqualTo(new InputLocation.Local("/data/a.csv"));
        assertThat(InputLocation.parse("rel/a.csv"))
                .isEqualTo(new InputLocation.Local(
                        Path.of("rel/a.csv").toAbsolutePath().normalize().toString()));
    }

    @Test
    void malformedLocationsAreRejectedByName() {
        assertThatThrownBy(() -> InputLocation.parse("local:/data:"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("[local:/data:]")
                .hasMessageContaining("empty filter");
        assertThatThrownBy(() -> InputLocation.parse("local:"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("names no path");
        assertThatThrownBy(() -> InputLocation.parse("ftp://host/a.csv"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("unsupported scheme");
    }
}
