package io.strata.ingestion.web;

import io.strata.ingestion.upload.UploadAccepted;
import io.strata.ingestion.upload.UploadPipeline;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/datasets/{dataset}/uploads}: a multipart body with a {@code file} part (and optionally a JSON
 * {@code options} part before it), or the raw file as the body. The file streams through validation into the
 * object store; nothing is buffered whole in memory or on disk. Answers 202 with the task to follow.
 */
@RestController
class UploadController {

    private final UploadPipeline pipeline;
    private final UploadBodies bodies;

    UploadController(UploadPipeline pipeline, JsonMapper json) {
        this.pipeline = pipeline;
        this.bodies = new UploadBodies(json);
    }

    @PostMapping(path = "/api/v1/datasets/{dataset}/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<UploadAccepted>> multipart(
            @PathVariable String dataset,
            @RequestParam MultiValueMap<String, String> query,
            @RequestBody Flux<PartEvent> parts) {
        return bodies.multipart(dataset, query, parts, pipeline::upload).map(UploadController::accepted);
    }

    @PostMapping(path = "/api/v1/datasets/{dataset}/uploads", consumes = "!" + MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<UploadAccepted>> raw(
            @PathVariable String dataset,
            @RequestParam MultiValueMap<String, String> query,
            @RequestHeader HttpHeaders headers,
            @RequestBody Flux<DataBuffer> body) {
        return bodies.raw(dataset, query, headers, body, pipeline::upload).map(UploadController::accepted);
    }

    private static ResponseEntity<UploadAccepted> accepted(UploadAccepted accepted) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted);
    }
}
