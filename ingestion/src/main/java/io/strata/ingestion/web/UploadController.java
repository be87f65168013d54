package io.strata.ingestion.web;

import io.strata.ingestion.Actor;
import io.strata.ingestion.DatasetNames;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.audit.AuditAction;
import io.strata.ingestion.audit.AuditEntry;
import io.strata.ingestion.audit.AuditOutcome;
import io.strata.ingestion.audit.AuditTrail;
import io.strata.ingestion.upload.UploadAccepted;
import io.strata.ingestion.upload.UploadAuthorization;
import io.strata.ingestion.upload.UploadPipeline;
import io.strata.ingestion.upload.UploadRequest;
import java.util.function.BiFunction;
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
 *
 * <p>The caller must be allowed to write into the dataset before a byte is read; every upload, accepted, refused
 * or denied, is written to the audit log in the caller's name.
 */
@RestController
class UploadController {

    private final UploadPipeline pipeline;
    private final UploadBodies bodies;
    private final UploadAuthorization authorization;
    private final AuditTrail audit;

    UploadController(UploadPipeline pipeline, JsonMapper json, UploadAuthorization authorization, AuditTrail audit) {
        this.pipeline = pipeline;
        this.bodies = new UploadBodies(json);
        this.authorization = authorization;
        this.audit = audit;
    }

    @PostMapping(path = "/api/v1/datasets/{dataset}/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<UploadAccepted>> multipart(
            @PathVariable String dataset,
            @RequestParam MultiValueMap<String, String> query,
            @RequestBody Flux<PartEvent> parts) {
        return authorized(dataset, actor -> bodies.multipart(dataset, query, parts, as(actor)));
    }

    @PostMapping(path = "/api/v1/datasets/{dataset}/uploads", consumes = "!" + MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<UploadAccepted>> raw(
            @PathVariable String dataset,
            @RequestParam MultiValueMap<String, String> query,
            @RequestHeader HttpHeaders headers,
            @RequestBody Flux<DataBuffer> body) {
        return authorized(dataset, actor -> bodies.raw(dataset, query, headers, body, as(actor)));
    }

    private BiFunction<UploadRequest, Flux<DataBuffer>, Mono<UploadAccepted>> as(Actor actor) {
        return (request, bytes) -> pipeline.upload(request.by(actor), bytes);
    }

    private Mono<ResponseEntity<UploadAccepted>> authorized(
            String dataset, java.util.function.Function<Actor, Mono<UploadAccepted>> upload) {
        return Mono.defer(() -> {
            String name = DatasetNames.require(dataset);
            return authorization
                    .authorizeWrite(name)
                    .onErrorResume(StrataException.class, denied -> authorization
                            .caller()
                            .flatMap(caller -> audit.record(AuditEntry.of(
                                    caller, AuditAction.UPLOAD, name, null, AuditOutcome.DENIED, denied.getMessage())))
                            .then(Mono.error(denied)))
                    .flatMap(actor -> upload.apply(actor)
                            .flatMap(accepted -> audit.record(AuditEntry.of(
                                            actor,
                                            AuditAction.UPLOAD,
                                            name,
                                            accepted.taskId() != null
                                                    ? accepted.taskId().toString()
                                                    : null,
                                            AuditOutcome.SUCCEEDED,
                                            accepted.duplicate() ? "duplicate of an earlier upload" : null))
                                    .thenReturn(accepted))
                            .onErrorResume(StrataException.class, refused -> audit.record(AuditEntry.of(
                                            actor,
                                            AuditAction.UPLOAD,
                                            name,
                                            null,
                                            AuditOutcome.FAILED,
                                            refused.getMessage()))
                                    .then(Mono.error(refused))))
                    .map(UploadController::accepted);
        });
    }

    private static ResponseEntity<UploadAccepted> accepted(UploadAccepted accepted) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted);
    }
}
