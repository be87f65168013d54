package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

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

    @Test
    void aMillionRowFileBecomesQueryableWithItsExactTotals() {
        SalesFile.Bulk file = SalesFile.bulk(1_000_000, ROWS);
        IngestionClient strata = new IngestionClient(port);
        long began = System.nanoTime();

        Map<String, Object> accepted = strata.uploadRaw("million", file.csv(), "text/csv", "fileName=million.csv")
                .expectStatus()
                .isAccepted()
                .expectBody(IngestionClient.JSON_OBJECT)
                .returnResult()
                .getResponseBody();
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
