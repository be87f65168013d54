package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingestion.IngestionSettings;
import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.TaskStatus;
import io.strata.ingestion.storage.ObjectStore;
import io.strata.ingestion.storage.S3Settings;
import io.strata.ingestion.task.IngestionTaskTransitioned;
import io.strata.ingestion.task.IngestionTasks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * A Strata node is killed ({@code kill -9}) while a file streams into it, and restarted: a second node, the survivor
 * (this test's application context), finds the upload without a sign of life for {@code abandoned-after}, marks it
 * FAILED with the reason, and aborts its S3 multipart upload, so no object and no stored part is left; the restarted
 * node reports the upload FAILED with that reason and ingests the file sent again. The same kill while a raw body of
 * announced length streams to S3 as one PUT leaves nothing either: the store drops the PUT cut off short of its length.
 *
 * <p>The killed node is the built application in its own JVM, on the same Druid, S3, Kafka and PostgreSQL. The
 * survivor runs with a short {@code abandoned-after}; its context is closed after this class so that the short
 * period judges no other test's uploads.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "strata.ingestion.abandoned-after=" + StrataNodeKilledIT.ABANDONED_AFTER)
@DirtiesContext
class StrataNodeKilledIT {

    static final String ABANDONED_AFTER = "6s";
    static final String DATASET = "node_killed";
    static final Duration QUICK = Duration.ofSeconds(30);
    /** What the request announces: far more than is ever sent, so the node waits for the rest until it dies. */
    static final long DECLARED_BYTES = 1_000_000_000L;

    @Autowired
    Environment environment;

    @Autowired
    IngestionTasks tasks;

    @Autowired
    ObjectStore store;

    @Autowired
    S3AsyncClient s3;

    @Autowired
    S3Settings s3Settings;

    @Autowired
    IngestionSettings settings;

    @Test
    void anUploadWhoseNodeIsKilledMidStreamEndsFailedAndItsStoredPartsAreAborted() throws Exception {
        // The first 300,000 rows: more than one multipart part, so the node has stored parts in S3 when it dies.
        byte[] firstRows = SalesFile.generate(71, 300_000).csv().getBytes(StandardCharsets.UTF_8);
        assertThat((long) firstRows.length).isGreaterThan(settings.partSize().toBytes());
        String prefix = "uploads/" + DATASET + "/";

        IngestionTask streaming;
        Instant killed;
        try (StrataNode node = StrataNode.start(
                        environment,
                        Map.of("strata.ingestion.abandoned-after", ABANDONED_AFTER),
                        Duration.ofMinutes(4));
                Socket socket = new Socket("localhost", node.port())) {
            sendFirstRows(socket, node.port(), DATASET, DECLARED_BYTES, firstRows);

            // Mid-upload: the node is validating the file, and at least one part of it is stored in S3.
            streaming = awaitValidating(DATASET);
            List<Part> stored = Awaitility.await("a part of the upload to be stored in S3")
                    .atMost(QUICK)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> parts(prefix), parts -> !parts.isEmpty());
            assertThat(stored).as("parts stored before the kill").isNotEmpty();
            assertThat(store.listIncomplete(prefix).collectList().block(QUICK))
                    .as("multipart uploads open before the kill")
                    .singleElement()
                    .asString()
                    .endsWith("/sales.csv");
            assertThat(tasks.find(streaming.id()).block(QUICK).status())
                    .as("status right before the kill; node log:\n%s", node.tail(20))
                    .isEqualTo(TaskStatus.VALIDATING);

            node.kill();
            killed = Instant.now();
            assertThat(node.exitValue())
                    .as("exit status of a JVM killed by SIGKILL")
                    .isEqualTo(128 + 9);
        }

        // Restarted (a new JVM, as a supervisor would), while the survivor judges the upload it left.
        try (StrataNode restarted = StrataNode.start(
                environment, Map.of("strata.ingestion.abandoned-after", ABANDONED_AFTER), Duration.ofMinutes(4))) {
            IngestionTask failed = awaitFinal(streaming);
            assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(failed.error())
                    .contains("the upload was cut off (the client or the Strata node handling it went away)")
                    .contains("upload the file again");
            List<IngestionTaskTransitioned> history =
                    tasks.history(streaming.id()).collectList().block(QUICK);
            assertThat(history)
                    .extracting(IngestionTaskTransitioned::to)
                    .containsExactly(TaskStatus.RECEIVED, TaskStatus.VALIDATING, TaskStatus.FAILED);
            assertThat(history.get(2).at())
                    .as("failed after the kill, not while the node was alive")
                    .isAfter(killed);

            String uploadPrefix = prefix + failed.uploadId() + "/";
            StoredObjects.assertNothingUnder(store, uploadPrefix);
            assertThat(parts(prefix)).as("stored parts left").isEmpty();
            assertThat(tasks.upload(failed.uploadId()).block(QUICK).sha256())
                    .as("content hash of a stored file")
                    .isNull();
            assertThat(tasks.dataset(DATASET).blockOptional(QUICK))
                    .as("dataset row")
                    .isEmpty();

            // The restarted node tells the client what happened, and takes the file again, as the reason asks.
            IngestionClient client = new IngestionClient(restarted.port());
            Map<String, Object> seen = client.task(streaming.id().toString());
            assertThat(seen).containsEntry("status", "FAILED").containsEntry("error", failed.error());
            SalesFile again = SalesFile.generate(72, 2_000);
            String retried = (String)
                    client.accepted(DATASET, "sales.csv", again.csv(), "").get("taskId");
            client.awaitStatus(retried, "SUCCEEDED");
            IngestionClient.Totals totals = client.totals(DATASET);
            assertThat(totals.count()).isEqualTo(again.rows());
            assertThat(totals.quantity()).isEqualTo(again.quantity());
        }
    }

    @Test
    void anUploadStreamingAsOnePutWhenItsNodeIsKilledLeavesNothingInS3() throws Exception {
        // A raw body of announced length within single-put-max-size streams to S3 as one PUT, not as parts.
        String dataset = "node_killed_put";
        String prefix = "uploads/" + dataset + "/";
        long declared = 200_000_000L;
        assertThat(declared).isLessThanOrEqualTo(settings.singlePutMaxSize().toBytes());
        byte[] firstRows = SalesFile.generate(73, 300_000).csv().getBytes(StandardCharsets.UTF_8);

        IngestionTask streaming;
        Instant killed;
        try (StrataNode node = StrataNode.start(
                        environment,
                        Map.of("strata.ingestion.abandoned-after", ABANDONED_AFTER),
                        Duration.ofMinutes(4));
                Socket socket = new Socket("localhost", node.port())) {
            sendFirstRows(socket, node.port(), dataset, declared, firstRows);
            streaming = awaitValidating(dataset);
            // The node's own count of bytes it handed to its S3 client in a PUT: the request is under way.
            WebTestClient admin = TestTokens.client(node.port(), "strata-admin");
            Awaitility.await("bytes of the upload sent to S3 in one PUT")
                    .atMost(QUICK)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> sentByPut(admin), sent -> sent >= 1 << 20);
            assertThat(store.listIncomplete(prefix).collectList().block(QUICK))
                    .as("multipart uploads open: none, the file goes as one PUT")
                    .isEmpty();

            node.kill();
            killed = Instant.now();
        }

        IngestionTask failed = awaitFinal(streaming);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.error()).contains("the upload was cut off");
        assertThat(tasks.history(streaming.id())
                        .collectList()
                        .block(QUICK)
                        .get(2)
                        .at())
                .as("failed after the kill")
                .isAfter(killed);
        StoredObjects.assertNothingUnder(store, prefix);
        assertThat(tasks.dataset(dataset).blockOptional(QUICK))
                .as("dataset row")
                .isEmpty();
    }

    /**
     * Starts a raw-body upload of a CSV announced with {@code declared} bytes, and sends only {@code firstRows}: the
     * node waits for the rest until it dies.
     */
    private static void sendFirstRows(Socket socket, int port, String dataset, long declared, byte[] firstRows)
            throws IOException {
        OutputStream request = socket.getOutputStream();
        request.write(("POST /api/v1/datasets/" + dataset + "/uploads?fileName=sales.csv HTTP/1.1\r\n"
                        + "Host: localhost:" + port + "\r\n"
                        + "Authorization: Bearer " + TestTokens.token(port, "strata-analyst") + "\r\n"
                        + "Content-Type: text/csv\r\n"
                        + "Content-Length: " + declared + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        request.write(firstRows);
        request.flush();
    }

    /** The dataset's one task, once the node streaming its file records it VALIDATING. */
    private IngestionTask awaitValidating(String dataset) {
        return Awaitility.await("the upload to stream into the second node")
                .atMost(QUICK)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> tasks.list(dataset, null, 10, null).collectList().block(QUICK),
                        recorded -> recorded.size() == 1 && recorded.get(0).status() == TaskStatus.VALIDATING)
                .get(0);
    }

    /** The task once the survivor judged the upload its dead node left. */
    private IngestionTask awaitFinal(IngestionTask streaming) {
        return Awaitility.await("the survivor to fail the abandoned upload")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> tasks.find(streaming.id()).block(QUICK), task -> task.status()
                        .isFinal());
    }

    private static double sentByPut(WebTestClient admin) {
        Map<String, Object> metric = admin.get()
                .uri("/actuator/metrics/strata.uploads.sent?tag=request:put")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(IngestionClient.JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> measurements = (List<Map<String, Object>>) metric.get("measurements");
        return ((Number) measurements.get(0).get("value")).doubleValue();
    }

    /** Every part stored for the multipart uploads open under {@code prefix}, straight from S3. */
    private List<Part> parts(String prefix) {
        String bucket = s3Settings.bucket();
        return s3.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix)).join().uploads().stream()
                .flatMap(
                        upload -> s3
                                .listParts(
                                        b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()))
                                .join()
                                .parts()
                                .stream())
                .toList();
    }
}
