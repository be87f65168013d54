package io.strata.ingestion.web;

import io.strata.ingestion.upload.SchemaDetection;
import io.strata.ingestion.upload.SchemaPreview;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/schema/detect}: the same body forms and options as an upload (plus {@code ?dataset=}, the
 * name the spec would use, default {@value #DEFAULT_DATASET}). Answers 200 with the detected schema, the validation
 * report and the Druid task an upload would submit; nothing is stored or recorded.
 */
@RestController
class SchemaDetectController {

    static final String DEFAULT_DATASET = "dataset";
    private static final String PATH = "/api/v1/schema/detect";

    private final SchemaPreview preview;
    private final UploadBodies bodies;

    SchemaDetectController(SchemaPreview preview, JsonMapper json) {
        this.preview = preview;
        this.bodies = new UploadBodies(json);
    }

    @PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<SchemaDetection> multipart(
            @RequestParam MultiValueMap<String, String> query, @RequestBody Flux<PartEvent> parts) {
        return bodies.multipart(dataset(query), query, parts, preview::detect);
    }

    @PostMapping(path = PATH, consumes = "!" + MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<SchemaDetection> raw(
            @RequestParam MultiValueMap<String, String> query,
            @RequestHeader HttpHeaders headers,
            @RequestBody Flux<DataBuffer> body) {
        return bodies.raw(dataset(query), query, headers, body, preview::detect);
    }

    private static String dataset(MultiValueMap<String, String> query) {
        String dataset = query.getFirst("dataset");
        return dataset != null ? dataset : DEFAULT_DATASET;
    }
}
