package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Dataset access lists on the real stack: once an admin grants a dataset to a group, it disappears for everyone
 * else on every path — listing, queries, tasks, uploads, live subscriptions — answered exactly as a dataset that does
 * not exist; a group with READ may query but not write; every change and refusal is in the audit log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetAccessIT {

    static final String DATASET = "acl_sales";
    static final String KPIS = "query($d: ID!) { kpis(dataset: $d, measures: [{aggregate: COUNT}]) { value } }";

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    SalesFile file;
    String taskId;

    @BeforeAll
    void ingestAndRestrict() {
        StrataHttp strata = new StrataHttp(port);
        file = SalesFile.generate(71, 300);
        taskId = (String) strata.upload(DATASET, "sales.csv", file.csv()).get("taskId");
        strata.awaitStatus(taskId, "SUCCEEDED");
        GraphQl.Response granted = GraphQl.as(port, "strata-admin")
                .post(
                        "mutation($d: ID!) { grantDatasetAccess(dataset: $d, principal: {kind: GROUP, name: \"emea\"},"
                                + " permission: READ) { kind principal permission grantedBy } }",
                        Map.of("d", DATASET));
        assertThat(granted.<Map<String, Object>>ok("grantDatasetAccess"))
                .containsEntry("kind", "GROUP")
                .containsEntry("principal", "emea")
                .containsEntry("grantedBy", "strata-admin");
    }

    @Test
    void aRestrictedDatasetIsAnsweredToOthersExactlyAsOneThatDoesNotExist() {
        GraphQl viewer = GraphQl.as(port, "strata-viewer");

        assertThat(names(viewer.post("{ datasets { name } }").ok("datasets"))).doesNotContain(DATASET);
        assertThat((Object) viewer.post("query($d: ID!) { dataset(name: $d) { name } }", Map.of("d", DATASET))
                        .ok("dataset"))
                .isNull();
        GraphQl.Response hidden = viewer.post(KPIS, Map.of("d", DATASET));
        GraphQl.Response missing = viewer.post(KPIS, Map.of("d", "no_such_dataset"));
        assertThat(hidden.codes()).containsExactly("NOT_FOUND");
        assertThat(message(hidden)).isEqualTo(message(missing).replace("no_such_dataset", DATASET));
        assertThat((Object) viewer.post("query($id: ID!) { ingestionTask(id: $id) { id } }", Map.of("id", taskId))
                        .ok("ingestionTask"))
                .isNull();
        assertThat(viewer.post("{ ingestionTasks(first: 200) { edges { node { dataset } } } }")
                        .<Map<String, Object>>ok("ingestionTasks")
                        .toString())
                .doesNotContain(DATASET);
    }

    @Test
    void theGrantedGroupQueriesButMayNotWriteUntilGrantedWrite() {
        GraphQl emea = GraphQl.as(port, "emea-viewer");
        assertThat(names(emea.post("{ datasets { name } }").ok("datasets"))).contains(DATASET);
        assertThat(count(emea.post(KPIS, Map.of("d", DATASET)))).isEqualTo(file.rows());

        SalesFile more = SalesFile.generate(72, 50);
        IngestionClient analyst = new IngestionClient(port);
        analyst.upload(DATASET, "more.csv", more.csv(), "mode=append")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("dataset '" + DATASET + "' does not exist");
        StrataHttp emeaAnalyst = new StrataHttp(port, "emea-analyst");
        emeaAnalyst
                .uploadExpecting(DATASET, "more.csv", more.csv(), "append", 403)
                .jsonPath("$.error")
                .value(message -> assertThat((String) message).contains("may read", "not write", "WRITE"));
        GraphQl.Response defined = GraphQl.as(port, "emea-analyst")
                .post(
                        "mutation($d: ID!) { defineMeasure(dataset: $d, name: \"units\", expression: "
                                + "\"SUM(quantity)\") { name } }",
                        Map.of("d", DATASET));
        assertThat(defined.codes()).containsExactly("FORBIDDEN");

        GraphQl admin = GraphQl.as(port, "strata-admin");
        admin.post(
                "mutation($d: ID!) { grantDatasetAccess(dataset: $d, principal: {kind: GROUP, name: \"emea\"}, "
                        + "permission: WRITE) { permission } }",
                Map.of("d", DATASET));
        emeaAnalyst.awaitStatus(
                (String) emeaAnalyst
                        .upload(DATASET, "more.csv", more.csv(), "append")
                        .get("taskId"),
                "SUCCEEDED");
        assertThat(count(emea.post(KPIS, Map.of("d", DATASET)))).isEqualTo(file.rows() + more.rows());
        admin.post(
                "mutation($d: ID!) { grantDatasetAccess(dataset: $d, principal: {kind: GROUP, name: \"emea\"}, "
                        + "permission: READ) { permission } }",
                Map.of("d", DATASET));
    }

    @Test
    void aLiveSubscriptionEndsWhenItsCallersAccessIsRevoked() {
        String dataset = "acl_live";
        StrataHttp strata = new StrataHttp(port);
        strata.ingest(dataset, "sales.csv", SalesFile.generate(73, 100).csv());
        GraphQl admin = GraphQl.as(port, "strata-admin");
        for (String group : List.of("emea", "apac")) {
            admin.post(
                    "mutation($d: ID!, $g: String!) { grantDatasetAccess(dataset: $d, principal: {kind: GROUP, "
                            + "name: $g}, permission: READ) { permission } }",
                    Map.of("d", dataset, "g", group));
        }
        WebSocketGraphQlTester ws = WebSocketGraphQlTester.builder(
                        URI.create("ws://localhost:" + port + "/graphql"), new ReactorNettyWebSocketClient())
                .interceptor(TestTokens.webSocket(port, "emea-viewer"))
                .build();
        Flux<Object> values = ws.document("subscription($d: ID!) { liveKpis(dataset: $d, measures: [{aggregate: "
                        + "COUNT}], refreshSeconds: 3600) { value } }")
                .variable("d", dataset)
                .executeSubscription()
                .toFlux("liveKpis", Object.class);

        StepVerifier.create(values)
                .expectNextCount(1)
                .then(() -> admin.post(
                        "mutation($d: ID!) { revokeDatasetAccess(dataset: $d, principal: {kind: GROUP, name: "
                                + "\"emea\"}) }",
                        Map.of("d", dataset)))
                .expectErrorSatisfies(e -> assertThat(e.getMessage()).contains("dataset 'acl_live' does not exist"))
                .verify(Duration.ofSeconds(60));
        ws.stop().block(Duration.ofSeconds(10));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAuditLogRecordsChangesAndRefusalsAndOnlyAdminsReadIt() {
        GraphQl.Response forViewer = GraphQl.as(port, "strata-viewer").post("{ auditLog { edges { cursor } } }");
        assertThat(forViewer.codes()).containsExactly("FORBIDDEN");

        GraphQl.Response log = GraphQl.as(port, "strata-admin")
                .post(
                        "query($d: ID!) { auditLog(dataset: $d, first: 200) { edges { node { subject action outcome "
                                + "target detail } } } }",
                        Map.of("d", DATASET));
        List<Map<String, Object>> entries = ((List<Map<String, Object>>)
                        log.<Map<String, Object>>ok("auditLog").get("edges"))
                .stream().map(edge -> (Map<String, Object>) edge.get("node")).toList();
        assertThat(entries)
                .anySatisfy(e -> assertThat(e)
                        .containsEntry("subject", "strata-analyst")
                        .containsEntry("action", "UPLOAD")
                        .containsEntry("outcome", "SUCCEEDED")
                        .containsEntry("target", taskId))
                .anySatisfy(e -> assertThat(e)
                        .containsEntry("action", "INGEST")
                        .containsEntry("outcome", "SUCCEEDED")
                        .containsEntry("target", taskId))
                .anySatisfy(e -> assertThat(e)
                        .containsEntry("subject", "strata-admin")
                        .containsEntry("action", "GRANT_ACCESS")
                        .containsEntry("target", "group:emea"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAuditLogPagesNewestFirstAndCannotBeRewritten() {
        // A refused upload is recorded as DENIED, in the caller's name.
        new IngestionClient(port)
                .upload(DATASET, "denied.csv", SalesFile.generate(74, 5).csv(), "mode=append")
                .expectStatus()
                .isNotFound();
        GraphQl admin = GraphQl.as(port, "strata-admin");
        List<Long> ids = new java.util.ArrayList<>();
        List<Map<String, Object>> seen = new java.util.ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("after", after);
            Map<String, Object> page = admin.post(
                            "query($after: String) { auditLog(first: 3, after: $after) { edges { cursor node { id "
                                    + "subject action outcome dataset } } pageInfo { hasNextPage endCursor } } }",
                            variables)
                    .ok("auditLog");
            for (Map<String, Object> edge : (List<Map<String, Object>>) page.get("edges")) {
                Map<String, Object> node = (Map<String, Object>) edge.get("node");
                ids.add(Long.valueOf((String) node.get("id")));
                seen.add(node);
            }
            Map<String, Object> info = (Map<String, Object>) page.get("pageInfo");
            after = Boolean.TRUE.equals(info.get("hasNextPage")) ? (String) info.get("endCursor") : null;
        } while (after != null);

        assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(seen).anySatisfy(e -> assertThat(e)
                .containsEntry("subject", "strata-analyst")
                .containsEntry("action", "UPLOAD")
                .containsEntry("outcome", "DENIED")
                .containsEntry("dataset", DATASET));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        db.sql("DELETE FROM audit_log").fetch().rowsUpdated().block(Duration.ofSeconds(30)))
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.sql("UPDATE audit_log SET outcome = 'SUCCEEDED'")
                        .fetch()
                        .rowsUpdated()
                        .block(Duration.ofSeconds(30)))
                .hasMessageContaining("append-only");
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Object datasets) {
        return ((List<Map<String, Object>>) datasets)
                .stream().map(d -> (String) d.get("name")).toList();
    }

    @SuppressWarnings("unchecked")
    private static long count(GraphQl.Response response) {
        List<Map<String, Object>> kpis = response.ok("kpis");
        return ((Number) kpis.get(0).get("value")).longValue();
    }

    private static String message(GraphQl.Response response) {
        return (String) response.errors().get(0).get("message");
    }
}
