package io.strata.ingestion.web;

import io.strata.ingestion.StrataException;
import io.strata.ingestion.upload.UploadOptions;
import io.strata.ingestion.upload.UploadRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two body forms a file arrives in: a multipart body with a {@code file} part (and optionally a JSON
 * {@code options} part before it), or the raw file as the body with its name in {@code ?fileName=} or
 * {@code Content-Disposition}. Either way the file's bytes stream to the handler; nothing is buffered whole.
 */
final class UploadBodies {

    private static final List<String> OPTION_NAMES =
            List.of("mode", "force", "rollup", "timestamp", "timestampFormat", "sheet", "maxBadRows");

    private final JsonMapper json;

    UploadBodies(JsonMapper json) {
        this.json = json;
    }

    /** Calls {@code handler} with the request and the bytes of the multipart body's {@code file} part. */
    <T> Mono<T> multipart(
            String dataset,
            MultiValueMap<String, String> query,
            Flux<PartEvent> parts,
            BiFunction<UploadRequest, Flux<DataBuffer>, Mono<T>> handler) {
        UploadOptions fromQuery = UploadOptions.fromQuery(query);
        AtomicReference<UploadOptions> options = new AtomicReference<>(fromQuery);
        return parts.windowUntil(PartEvent::isLast)
                .concatMap(part -> part.switchOnFirst((first, events) -> {
                    PartEvent head = first.get();
                    if (head instanceof FilePartEvent file && "file".equals(file.name())) {
                        return handler.apply(
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
                                .then(Mono.<T>empty());
                    }
                    return events.doOnNext(event -> DataBufferUtils.release(event.content()))
                            .then(Mono.<T>empty());
                }))
                .next()
                .switchIfEmpty(Mono.error(() -> new StrataException.InvalidInput(
                        "the multipart body has no part named 'file': send the file as -F file=@data.csv")));
    }

    /** Calls {@code handler} with the request and the raw body's bytes. */
    <T> Mono<T> raw(
            String dataset,
            MultiValueMap<String, String> query,
            HttpHeaders headers,
            Flux<DataBuffer> body,
            BiFunction<UploadRequest, Flux<DataBuffer>, Mono<T>> handler) {
        return Mono.defer(() -> {
            String fileName = query.getFirst("fileName");
            if (fileName == null) {
                ContentDisposition disposition = headers.getContentDisposition();
                fileName = disposition.getFilename() != null ? disposition.getFilename() : defaultName(headers);
            }
            // A raw body's Content-Length is the file's length, unless the body is encoded on the wire.
            long length = headers.containsHeader(HttpHeaders.CONTENT_ENCODING) ? -1 : headers.getContentLength();
            return handler.apply(
                    UploadOptions.fromQuery(query)
                            .toRequest(dataset, fileName, contentType(headers))
                            .withLength(length),
                    body);
        });
    }

    private UploadOptions parseOptions(DataBuffer buffer) {
        JsonNode node;
        try {
            node = json.readTree(buffer.toString(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new StrataException.InvalidInput("the 'options' part is not valid JSON: " + e.getMessage());
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String name : OPTION_NAMES) {
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
}
