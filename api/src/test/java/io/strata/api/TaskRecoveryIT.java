package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.r2dbc.postgresql.codec.Json;
import io.strata.ingestion.druid.TaskRunner;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Recovery on the real stack: tasks a dead node left open are taken over once their lease expires (as they are by
 * a node that starts) and reconciled with what Druid says of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TaskRecoveryIT {

    static final Duration QUICK = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Autowired
    TaskRunner druid;

    @Autowired
    JsonMapper json;

    IngestionClient strata;

    @BeforeEach
    void client() {
        strata = new IngestionClient(port);
    }

    @Test
    void openTasksOfADeadNodeAreReconciledWithDruid() {
        SalesFile file = SalesFile.generate(41, 800);
        String source = (String)
                strata.accepted("recovery_src", "sales.csv", file.csv(), "").get("taskId");
        strata.awaitStatus(source, "SUCCEEDED");
        Map<String, Object> stored = db.sql("SELECT upload_id, spec::text AS spec FROM ingestion_tasks WHERE id = :id")
                .bind("id", UUID.fromString(source))
                .fetch()
                .one()
                .block(QUICK);

        // Druid ran and finished this one while no Strata node watched it.
        String finished = orphan("recovery_done", "RUNNING", stored, true);
        // Druid never received this one: the node died between recording and submitting it.
        String lost = orphan("recovery_lost", "SUBMITTED", stored, false);

        strata.awaitStatus(finished, "SUCCEEDED");
        strata.awaitStatus(lost, "SUCCEEDED");
        for (String dataset : new String[] {"recovery_done", "recovery_lost"}) {
            IngestionClient.Totals totals = strata.totals(dataset);
            assertThat(totals.count()).as("COUNT of %s", dataset).isEqualTo(file.rows());
            assertThat(totals.revenue()).as("SUM(revenue) of %s", dataset).isCloseTo(file.revenue(), within(0.01));
        }
        assertThat(strata.history(finished))
                .as("from the state the dead node left straight to the outcome")
                .singleElement()
                .asString()
                .startsWith("SUCCEEDED#");
        assertThat(strata.history(lost)).last().asString().startsWith("SUCCEEDED#");
    }

    /** A task as a node that died would leave it: open, owned by that node, its lease expired. */
    private String orphan(String dataset, String status, Map<String, Object> source, boolean submitToDruid) {
        UUID taskId = UUID.randomUUID();
        String druidTaskId = "strata_" + dataset + "_" + taskId;
        ObjectNode spec = (ObjectNode) json.readTree((String) source.get("spec"));
        spec.put("id", druidTaskId);
        ((ObjectNode) spec.path("spec").path("dataSchema")).put("dataSource", dataset);
        if (submitToDruid) {
            druid.submit(druidTaskId, json.writeValueAsString(spec)).block(QUICK);
        }
        db.sql("INSERT INTO ingestion_tasks (id, upload_id, dataset, mode, status, druid_task_id, spec, owner, "
                        + "lease_until) VALUES (:id, :upload, :dataset, 'CREATE', :status, :druid, :spec, 'node-dead', "
                        + "now() - interval '1 second')")
                .bind("id", taskId)
                .bind("upload", source.get("upload_id"))
                .bind("dataset", dataset)
                .bind("status", status)
                .bind("druid", druidTaskId)
                .bind("spec", Json.of(json.writeValueAsString(spec)))
                .fetch()
                .rowsUpdated()
                .block(QUICK);
        return taskId.toString();
    }
}
