package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in a real browser, against this server on the real stack: Chromium (Debian's, driven by npm
 * {@code playwright-core}) runs {@code web/e2e/dashboard.e2e.mjs}, which signs in, uploads two generated sales files
 * through the pages and checks every panel's numbers, the filters, paging, live KPIs in a second browser, the
 * offline export, the access page and axe-core's findings, against figures it computes from the files themselves.
 * Screenshots of each page land in {@code web/target/screenshots} on every run.
 *
 * <p>The script's own ground truth is checked here against the files' totals as {@link SalesFile} wrote them, so
 * neither side can agree with Strata by accident.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserIT {

    /** The web module (its node_modules come from its Maven build's {@code npm ci}). */
    static final Path WEB = Path.of(System.getProperty("strata.test.web-dir", "../web"))
            .toAbsolutePath()
            .normalize();

    static final String NODE = System.getProperty("strata.test.node", "node");
    static final long DEADLINE_MINUTES = 8;

    @LocalServerPort
    int port;

    @Test
    void aSalesTeamSeesEveryPanelWorkOnItsOwnFilesInARealBrowser() throws Exception {
        assertThat(WEB.resolve("node_modules/playwright-core"))
                .as("playwright-core, installed by the web module's npm ci (./mvnw verify builds it first)")
                .isDirectory();
        SalesFile first = SalesFile.generate(18, 1500);
        SalesFile second = SalesFile.generate(19, 400);
        Path work = Files.createDirectories(WEB.resolve("target/e2e"));
        Path firstFile = write(work.resolve("first.csv"), first.csv());
        Path secondFile = write(work.resolve("second.csv"), second.csv());
        Path report = work.resolve("report.json");
        Path log = work.resolve("e2e.log");
        Files.deleteIfExists(report);

        Process browser = new ProcessBuilder(List.of(
                        NODE,
                        "e2e/dashboard.e2e.mjs",
                        "--base-url",
                        "http://localhost:" + port,
                        "--first",
                        firstFile.toString(),
                        "--second",
                        secondFile.toString(),
                        "--dataset",
                        "web_sales_" + UUID.randomUUID().toString().substring(0, 8),
                        "--screenshots",
                        WEB.resolve("target/screenshots").toString(),
                        "--report",
                        report.toString()))
                .directory(WEB.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = browser.waitFor(DEADLINE_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        assertThat(finished)
                .as("the browser test finished within %d minutes:%n%s", DEADLINE_MINUTES, output)
                .isTrue();
        assertThat(browser.exitValue())
                .as("the browser test's exit status:%n%s", output)
                .isZero();

        JsonNode result = JsonMapper.builder().build().readTree(report.toFile());
        assertThat(result.path("ok").asBoolean()).as(output).isTrue();
        assertThat(result.path("checks").size()).isGreaterThanOrEqualTo(15);
        result.path("checks").forEach(check -> assertThat(check.path("ok").asBoolean())
                .as(check.path("name").asString())
                .isTrue());
        assertTotals(result.path("expected").path("first"), first.rows(), first.quantity(), first.revenue());
        assertTotals(
                result.path("expected").path("both"),
                first.rows() + second.rows(),
                first.quantity() + second.quantity(),
                first.revenue() + second.revenue());
        result.path("accessibility").properties().forEach(page -> assertThat(
                        page.getValue().size())
                .as("serious or critical axe-core violations on %s: %s", page.getKey(), page.getValue())
                .isZero());
        assertThat(result.path("screenshots").size()).isGreaterThanOrEqualTo(9);
        result.path("screenshots")
                .forEach(path -> assertThat(Path.of(path.asString())).isNotEmptyFile());
    }

    /** The totals the script computed from a file are the ones the generator wrote into it. */
    private static void assertTotals(JsonNode expected, long rows, long quantity, double revenue) {
        assertThat(expected.path("COUNT").asLong()).isEqualTo(rows);
        assertThat(expected.path("SUM(quantity)").asLong()).isEqualTo(quantity);
        assertThat(expected.path("SUM(revenue)").asDouble()).isCloseTo(revenue, within(0.005));
    }

    private static Path write(Path path, String content) throws IOException {
        return Files.writeString(path, content, StandardCharsets.UTF_8);
    }
}
