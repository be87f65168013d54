package io.strata.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void twoStackHomesGetTwoDatabases() {
        String one = StackDatabase.nameFor(dir.resolve("checkout-a/.strata/stack"));
        String two = StackDatabase.nameFor(dir.resolve("checkout-b/.strata/stack"));

        assertThat(one).matches("strata_[0-9a-f]{8}").isNotEqualTo(two);
        assertThat(two).matches("strata_[0-9a-f]{8}");
        assertThat(StackDatabase.nameFor(dir.resolve("checkout-a/.strata/stack")))
                .as("the same home, asked again")
                .isEqualTo(one);
    }

    @Test
    void theRecordedNameWinsSoAMovedHomeKeepsItsData() throws Exception {
        Path home = dir.resolve("stack");
        StackDatabase.record(home, "strata_kept");

        assertThat(Files.readString(home.resolve(StackDatabase.RECORD))).isEqualTo("strata_kept\n");
        assertThat(StackDatabase.nameFor(home)).isEqualTo("strata_kept");
        StackDatabase.record(home, "strata_other");
        assertThat(StackDatabase.nameFor(home))
                .as("a recorded name is never overwritten")
                .isEqualTo("strata_kept");
    }

    @Test
    void aHomeFromBeforePerStackDatabasesKeepsTheOldDefault() throws Exception {
        Path home = dir.resolve("old");
        Files.createDirectories(home.resolve("druid/metadata"));

        assertThat(StackDatabase.nameFor(home)).isEqualTo("strata");
    }

    @Test
    void aConfiguredDatabaseIsUsedAsIs() {
        StackSettings settings = StackSettings.from(
                Map.of("strata.stack.home", dir.toString(), "strata.stack.postgres.database", "mine")::get, Set.of());

        assertThat(settings.postgresDatabase()).isEqualTo("mine");
    }
}
