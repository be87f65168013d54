package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A file of real size on the embedded stack's default sizing: a million rows (about 40 MB of CSV), sent as a raw
 * body the way the README and the dashboard send files, becomes queryable with the file's exact totals. The 512 MB
 * indexer the stack had before died of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MillionRowsIT {

    private static final Logger log = LoggerFactory.getLogger(MillionRowsIT.class);
    static final int ROWS = 1_000_000;

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Test
    void aMillionRowFileBecomesQueryableWithItsExactTotals() throws Exception {
        SalesFile.Bulk file = SalesFile.bulk(1_000_000, ROWS);
        IngestionClient strata = new IngestionClient(port);
        long began = System.nanoTime();

        // Sent by the JDK's HTTP client, as a script would, with the file's length announced.
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/v1/datasets/million/uploads?fileName=m.csv"))
                                .header("Authorization", "Bearer " + TestTokens.token(port, "strata-analyst"))
                                .header("Content-Type", "text/csv")
                                .timeout(Duration.ofMinutes(5))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(file.csv()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        Map<String, Object> accepted = json.readValue(answer.body(), new TypeReference<Map<String, Object>>() {});
        Map<String, Object> task = strata.awaitStatus((String) accepted.get("taskId"), "SUCCEEDED");
        // Reported, not asserted: timings are the benchmark's business (README, "Benchmarks").
        log.info(
                "{} rows ({} MB): request to SUCCEEDED in {} ms",
                ROWS,
                file.csv().length >> 20,
                Duration.ofNanos(System.nanoTime() - began).toMillis());

        assertThat(((Number) task.get("rowsProcessed")).longValue()).isEqualTo(ROWS);
        assertThat(task.get("rowsUnparseable")).isIn(0, 0L, null);
        IngestionClient.Totals totals = strata.totals("million");
        assertThat(totals.count()).isEqualTo(ROWS);
        assertThat(totals.quantity()).isEqualTo(file.quantity());
        assertThat(totals.revenue()).isCloseTo(file.revenue(), within(0.01));
    }
}
