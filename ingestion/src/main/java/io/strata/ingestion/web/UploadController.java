package io.strata.ingestion.web;

import io.strata.ingestion.StrataException;
import io.strata.ingestion.upload.UploadAccepted;
import io.strata.ingestion.upload.UploadOptions;
import io.strata.ingestion.upload.UploadPipeline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePartEvent;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/datasets/{dataset}/uploads}: a multipart body with a {@code file} part (and optionally a JSON
 * {@code options} part before it), or the raw file as the body. The file streams through validation into the
 * object store; nothing is buffered whole in memory or on disk. Answers 202 with the task to follow.
 */
@RestController
class UploadController {

    private final UploadPipeline pipeline;
    private final JsonMapper json;

    UploadController(UploadPipeline pipeline, JsonMapper json) {
        this.pipeline = pipeline;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/datasets/{dataset}/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<UploadAccepted>> multipart(
            @PathVariable String dataset,
            @RequestParam MultiValueMap<String, String> query,
            @RequestBody Flux<PartEvent> parts) {
        UploadOptions fromQuery = UploadOptions.fromQuery(query);
        AtomicReference<UploadOptions> options = new AtomicReference<>(fromQuery);
        return parts.windowUntil(PartEvent::isLast)
                .concatMap(part -> part.switchOnFirst((first, events) -> {
                    PartEvent head = first.get();
                    if (head instanceof FilePartEvent file && "file".equals(file.name())) {
                        return pipeline.upload(
                                options.get().toRequest(dataset, file.filename(), contentType(file.headers())),
                                events.map(PartEvent::content));
                    }
                    if (head != null && "options".equals(head.name())) {
                        return DataBufferUtils.join(events.map(PartEvent::content))
                                .map(buffer -> {
                                    options.set(fromQuery.overriddenBy(parseOptions(buffer)));
                                    return buffer;
                                })
                                .doOnNext(DataBufferUtils::release)
                                .then(Mono.<UploadAccepted>empty());
                    }
                    return events.doOnNext(event -> DataBufferUtils.release(event.content()))
                            .then(Mono.<UploadAccepted>empty());
                }))
                .next()
                .switchIfEmpty(Mono.error(new StrataException.InvalidInput(
                        "the multipart body has no part named 'file': send the file as " + "-F file=@data.csv")))
                .map(UploadController::accepted);
    }

    @PostMapping(path = "/api/v1/datasets/{dataset}/uploads", consumes = "!" + MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<UploadAccepted>> raw(
            @PathVariable String dataset,
            @RequestParam MultiValueMap<String, String> query,
            @RequestHeader HttpHeaders headers,
            @RequestBody Flux<DataBuffer> body) {
        String fileName = query.getFirst("fileName");
        if (fileName == null) {
            ContentDisposition disposition = headers.getContentDisposition();
            fileName = disposition.getFilename() != null ? disposition.getFilename() : defaultName(headers);
        }
        return pipeline.upload(UploadOptions.fromQuery(query).toRequest(dataset, fileName, contentType(headers)), body)
                .map(UploadController::accepted);
    }

    private UploadOptions parseOptions(DataBuffer buffer) {
        JsonNode node;
        try {
            node = json.readTree(buffer.toString(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new StrataException.InvalidInput("the 'options' part is not valid JSON: " + e.getMessage());
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String name : List.of("mode", "force", "rollup", "timestamp", "timestampFormat", "sheet", "maxBadRows")) {
            if (node.hasNonNull(name)) {
                values.put(name, List.of(node.get(name).asString()));
            }
        }
        values.put("type", pairs(node.path("types")));
        values.put("role", pairs(node.path("roles")));
        return UploadOptions.fromQuery(values);
    }

    private static List<String> pairs(JsonNode object) {
        List<String> pairs = new ArrayList<>();
        object.properties()
                .forEach(entry ->
                        pairs.add(entry.getKey() + ":" + entry.getValue().asString()));
        return pairs;
    }

    private static String contentType(HttpHeaders headers) {
        MediaType type = headers.getContentType();
        return type != null ? type.toString() : null;
    }

    private static String defaultName(HttpHeaders headers) {
        MediaType type = headers.getContentType();
        if (type == null) {
            return "upload";
        }
        return switch (type.getSubtype()) {
            case "csv" -> "upload.csv";
            case "tab-separated-values" -> "upload.tsv";
            case "json" -> "upload.json";
            case "x-ndjson", "jsonl" -> "upload.jsonl";
            case "vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "upload.xlsx";
            case "vnd.apache.parquet", "x-parquet" -> "upload.parquet";
            case "vnd.apache.arrow.file", "vnd.apache.arrow.stream" -> "upload.arrow";
            default -> "upload";
        };
    }

    private static ResponseEntity<UploadAccepted> accepted(UploadAccepted accepted) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted);
    }
}
