package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingestion.storage.ObjectStore;
import io.strata.ingestion.task.IngestionTasks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

/** {@code POST /api/v1/schema/detect}: what an upload would do, with nothing stored or recorded. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SchemaDetectIT {

    static final Duration QUICK = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    ObjectStore store;

    @Autowired
    IngestionTasks tasks;

    IngestionClient strata;

    @BeforeEach
    void client() {
        strata = new IngestionClient(port);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMultipartFileAnswersItsSchemaReportAndTheSpecAnUploadWouldSubmit() {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part(
                "file", new ByteArrayResource(SalesFile.generate(51, 200).csv().getBytes(StandardCharsets.UTF_8)) {
                    @Override
                    public String getFilename() {
                        return "sales.csv";
                    }
                });
        Map<String, Object> detection = strata.http
                .post()
                .uri("/api/v1/schema/detect?dataset=detect_only&rollup=false")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(IngestionClient.JSON_OBJECT)
                .returnResult()
                .getResponseBody();

        assertThat(detection).containsEntry("accepted", true).containsEntry("problem", null);
        Map<String, Object> schema = (Map<String, Object>) detection.get("schema");
        assertThat((List<Map<String, Object>>) schema.get("columns"))
                .extracting(column -> column.get("name"))
                .contains("timestamp", "country", "device", "quantity", "revenue");
        assertThat((Map<String, Object>) detection.get("report")).containsEntry("rows", 200);
        Map<String, Object> spec = (Map<String, Object>) detection.get("spec");
        assertThat(spec).containsEntry("type", "index_parallel");
        Map<String, Object> dataSchema =
                (Map<String, Object>) ((Map<String, Object>) spec.get("spec")).get("dataSchema");
        assertThat(dataSchema).containsEntry("dataSource", "detect_only");
        assertThat((List<Object>) detection.get("decisions")).isNotEmpty();

        assertThat(store.list("uploads/detect_only/").collectList().block(QUICK))
                .isEmpty();
        assertThat(store.listIncomplete("uploads/detect_only/").collectList().block(QUICK))
                .isEmpty();
        assertThat(tasks.list("detect_only", null, 10, null).collectList().block(QUICK))
                .isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRawTsvBodyIsDetectedToo() {
        Map<String, Object> detection = strata.http
                .post()
                .uri("/api/v1/schema/detect?fileName=sales.tsv")
                .contentType(MediaType.parseMediaType("text/tab-separated-values"))
                .bodyValue(SalesFile.generate(52, 50).tsv())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(IngestionClient.JSON_OBJECT)
                .returnResult()
                .getResponseBody();

        assertThat(detection).containsEntry("accepted", true);
        assertThat(String.valueOf(((Map<String, Object>) detection.get("schema")).get("format")))
                .isEqualToIgnoringCase("tsv");
        assertThat((Map<String, Object>) detection.get("report")).containsEntry("rows", 50);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFileWithTooManyBadRowsIsReportedAsRefusedWithoutASpec() {
        String csv = "timestamp,quantity\n2024-01-01T00:00:00Z,1\n2024-01-02T00:00:00Z,many\n";
        Map<String, Object> detection = strata.http
                .post()
                .uri("/api/v1/schema/detect?fileName=bad.csv&type=quantity:LONG")
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(IngestionClient.JSON_OBJECT)
                .returnResult()
                .getResponseBody();

        assertThat(detection).containsEntry("accepted", false).containsEntry("spec", null);
        assertThat((String) detection.get("problem")).contains("bad.csv has too many bad rows");
        assertThat((Map<String, Object>) detection.get("report")).containsEntry("badRows", 1);
    }

    @Test
    void anUnsupportedFormatIsRefusedWith415() {
        // A PNG image: no data format Strata reads starts like this, and the name says nothing either.
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};
        strata.http
                .post()
                .uri("/api/v1/schema/detect?fileName=picture.png")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(png)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aZipThatIsNotAWorkbookIsUndecodableWith422() {
        strata.http
                .post()
                .uri("/api/v1/schema/detect?fileName=data.bin")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[] {0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0})
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .jsonPath("$.error")
                .value(message -> assertThat((String) message).contains("data.bin", "not a readable XLSX workbook"));
    }
}
