package io.strata.api.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.metadata.MetadataCache.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The metadata cache against the real PostgreSQL: a change committed by anyone else (another node, or an operator
 * in psql; here plain SQL, which publishes no in-process event) to any table a query depends on reaches this node
 * through its notification and drops what the cache held; a lost listening connection stops the cache from serving
 * until it listens again, and nothing read before is trusted after.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetadataNotificationsIT {

    static final Duration DEADLINE = Duration.ofSeconds(10);

    @Autowired
    MetadataCache cache;

    @Autowired
    PostgresMetadataListener listener;

    @Autowired
    DatabaseClient db;

    @BeforeEach
    void listening() {
        Awaitility.await("the metadata listener to listen").atMost(DEADLINE).until(cache::listening);
    }

    @Test
    void aChangeCommittedElsewhereToAnyTableAQueryDependsOnReachesThisNode() {
        List<String> changes = List.of(
                "INSERT INTO datasets (name) VALUES ('meta_ds')",
                "UPDATE datasets SET data_version = data_version + 1 WHERE name = 'meta_ds'",
                "DELETE FROM datasets WHERE name = 'meta_ds'",
                "INSERT INTO dataset_grants (dataset, principal_kind, principal, permission, granted_by) VALUES "
                        + "('meta_ds', 'GROUP', 'emea', 'READ', 'psql')",
                "DELETE FROM dataset_grants WHERE dataset = 'meta_ds'",
                "INSERT INTO row_policies (dataset, name, column_name, claim, created_by) VALUES "
                        + "('meta_ds', 'tenant', 'tenant', 'tenant', 'psql')",
                "DELETE FROM row_policies WHERE dataset = 'meta_ds'",
                "INSERT INTO analytics_measures (dataset, name, expression) VALUES ('meta_ds', 'units', "
                        + "'SUM(quantity)')",
                "DELETE FROM analytics_measures WHERE dataset = 'meta_ds'");
        for (String change : changes) {
            assertThat(lookup("meta_ds", "before")).isEqualTo("before");
            assertThat(lookup("meta_ds", "after")).as("served from memory").isEqualTo("before");

            db.sql(change).fetch().rowsUpdated().block(DEADLINE);

            Awaitility.await("the notification of: " + change).atMost(DEADLINE).until(() -> "after"
                    .equals(lookup("meta_ds", "after")));
            assertThat(lookup("meta_ds", "later")).as("kept again once read").isEqualTo("after");
            cache.changed("meta_ds"); // start the next round empty
        }
    }

    @Test
    void aChangeToAnotherDatasetDropsNothingOfThisOne() {
        assertThat(lookup("meta_kept", "before")).isEqualTo("before");
        db.sql("INSERT INTO analytics_measures (dataset, name, expression) VALUES ('meta_other', 'u', 'COUNT(*)')")
                .fetch()
                .rowsUpdated()
                .block(DEADLINE);
        assertThat(lookup("meta_other", "x")).isEqualTo("x");
        db.sql("DELETE FROM analytics_measures WHERE dataset = 'meta_other'")
                .fetch()
                .rowsUpdated()
                .block(DEADLINE);
        Awaitility.await("the other dataset's notification").atMost(DEADLINE).until(() -> "y"
                .equals(lookup("meta_other", "y")));
        assertThat(lookup("meta_kept", "after")).isEqualTo("before");
    }

    @Test
    void aLostListeningConnectionStopsTheCacheUntilItListensAgainAndForgetsEverythingReadBefore() {
        assertThat(lookup("meta_lost", "before")).isEqualTo("before");
        Integer backend = Objects.requireNonNull(listener.backend());

        db.sql("SELECT pg_terminate_backend(:pid)")
                .bind("pid", backend)
                .fetch()
                .rowsUpdated()
                .block(DEADLINE);

        Awaitility.await("the listener to listen again on a new connection")
                .atMost(DEADLINE)
                .until(() -> cache.listening() && listener.backend() != null && !backend.equals(listener.backend()));
        assertThat(lookup("meta_lost", "after"))
                .as("a change could have been missed while not listening")
                .isEqualTo("after");
        assertThat(lookup("meta_lost", "later")).isEqualTo("after");
    }

    private String lookup(String dataset, String read) {
        return cache.get(Kind.MEASURES, dataset, () -> Mono.just(read)).block(DEADLINE);
    }
}
