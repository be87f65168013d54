package io.strata.api.analytics;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link SharedResults} in Redis (Lettuce's non-blocking client): rows as JSON whose every value carries its type
 * ({@code {"l": 42}}, {@code {"d": 4.2}}, {@code {"s": "FR"}}, {@code {"b": true}}, {@code null}), so a row read back
 * is exactly the row Druid gave. Entries expire after the tier's TTL, which only bounds memory. A slow or absent
 * Redis counts as a miss ({@code strata.analytics.cache.shared.errors}).
 */
final class RedisSharedResults implements SharedResults, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisSharedResults.class);

    private final RedisClient client;
    private final RedisURI uri;
    private final AtomicReference<Mono<StatefulRedisConnection<String, byte[]>>> connection = new AtomicReference<>();
    private final String prefix;
    private final Duration ttl;
    private final Duration timeout;
    private final JsonMapper json;
    private final Counter errors;

    RedisSharedResults(
            String url, String prefix, Duration ttl, Duration timeout, JsonMapper json, MeterRegistry registry) {
        this.uri = RedisURI.create(url);
        this.uri.setTimeout(timeout);
        this.client = RedisClient.create();
        // While Redis is away, commands fail at once (a miss) instead of queueing for its return.
        this.client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.prefix = prefix;
        this.ttl = ttl;
        this.timeout = timeout;
        this.json = json;
        this.errors = Counter.builder("strata.analytics.cache.shared.errors")
                .description("Shared result cache lookups or writes that failed or timed out (counted as misses)")
                .register(registry);
    }

    @Override
    public Mono<List<Map<String, Object>>> get(String key) {
        return connection()
                .flatMap(redis -> redis.reactive().get(prefix + key))
                .map(this::decode)
                .timeout(timeout)
                .onErrorResume(e -> failed("read", e));
    }

    @Override
    public Mono<Void> put(String key, List<Map<String, Object>> rows) {
        byte[] value = encode(rows);
        return connection()
                .flatMap(redis -> redis.reactive().set(prefix + key, value, SetArgs.Builder.px(ttl.toMillis())))
                .timeout(timeout)
                .then()
                .onErrorResume(e -> failed("write", e));
    }

    private <T> Mono<T> failed(String what, Throwable e) {
        errors.increment();
        log.debug("Shared result cache {} failed, treated as a miss: {}", what, e.toString());
        return Mono.empty();
    }

    private Mono<StatefulRedisConnection<String, byte[]>> connection() {
        Mono<StatefulRedisConnection<String, byte[]>> current = connection.get();
        if (current == null) {
            RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
            // One connection, opened on first use and shared (Lettuce multiplexes it); a failed attempt is not kept.
            current = Mono.fromCompletionStage(() -> client.connectAsync(codec, uri))
                    .cache(connected -> Duration.ofDays(3650), e -> Duration.ZERO, () -> Duration.ZERO);
            if (!connection.compareAndSet(null, current)) {
                current = connection.get();
            }
        }
        return current;
    }

    byte[] encode(List<Map<String, Object>> rows) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Map<String, Object> row : rows) {
            ObjectNode encoded = array.addObject();
            row.forEach((column, value) -> encoded.set(column, typed(value)));
        }
        return json.writeValueAsString(array).getBytes(StandardCharsets.UTF_8);
    }

    List<Map<String, Object>> decode(byte[] bytes) {
        JsonNode array = json.readTree(new String(bytes, StandardCharsets.UTF_8));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode row : array) {
            Map<String, Object> decoded = new LinkedHashMap<>();
            row.properties().forEach(entry -> decoded.put(entry.getKey(), untyped(entry.getValue())));
            rows.add(java.util.Collections.unmodifiableMap(decoded));
        }
        return List.copyOf(rows);
    }

    private static JsonNode typed(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        ObjectNode typed = nodes.objectNode();
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            typed.put("l", ((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            typed.put("d", ((Number) value).doubleValue());
        } else if (value instanceof Boolean b) {
            typed.put("b", b);
        } else {
            typed.put("s", value.toString());
        }
        return typed;
    }

    private static Object untyped(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.has("l")) {
            return node.get("l").asLong();
        }
        if (node.has("d")) {
            return node.get("d").asDouble();
        }
        if (node.has("b")) {
            return node.get("b").asBoolean();
        }
        return node.get("s").asString();
    }

    @Override
    public void close() {
        connection.set(null);
        client.shutdownAsync();
    }
}
