package io.strata.api.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subscribers of {@link LiveKpisBenchmark}, in a JVM of their own so that the server's heap and threads are
 * measured without them: opens {@code subscribers} {@code liveKpis} subscriptions over graphql-ws, {@code perSocket}
 * to a WebSocket, spread round-robin over {@code questions} distinct questions, and prints a status line every
 * second: how many are acknowledged sockets, how many subscriptions received a first value, how many then received a
 * different one (after an ingestion), errors and completions.
 *
 * <p>Arguments: ws-url token subscribers per-socket questions refresh-seconds.
 */
public final class LiveKpisClients {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String url;
    private final String token;
    private final int subscribers;
    private final int perSocket;
    private final int questions;
    private final int refreshSeconds;
    private final AtomicReferenceArray<String> firstValue;
    private final AtomicReferenceArray<String> secondValue;
    private final AtomicInteger sockets = new AtomicInteger();
    private final AtomicInteger first = new AtomicInteger();
    private final AtomicInteger second = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private volatile String lastError = "";

    private LiveKpisClients(
            String url, String token, int subscribers, int perSocket, int questions, int refreshSeconds) {
        this.url = url;
        this.token = token;
        this.subscribers = subscribers;
        this.perSocket = perSocket;
        this.questions = questions;
        this.refreshSeconds = refreshSeconds;
        this.firstValue = new AtomicReferenceArray<>(subscribers);
        this.secondValue = new AtomicReferenceArray<>(subscribers);
    }

    public static void main(String[] args) throws InterruptedException {
        LiveKpisClients clients = new LiveKpisClients(
                args[0],
                args[1],
                Integer.parseInt(args[2]),
                Integer.parseInt(args[3]),
                Integer.parseInt(args[4]),
                Integer.parseInt(args[5]));
        clients.run();
    }

    /** The GraphQL document of question {@code q}: four shapes, then the same count over different intervals. */
    static String question(int q, int refreshSeconds) {
        String arguments =
                switch (q) {
                    case 0 -> "measures: [{name: \"count\"}]";
                    case 1 -> "measures: [{name: \"count\"}, {name: \"revenue\"}]";
                    case 2 -> "measures: [{name: \"count\"}], filter: {dimension: \"country\", eq: \"FR\"}";
                    case 3 -> "measures: [{name: \"count\"}], filter: {dimension: \"device\", eq: \"web\"}";
                    default -> "measures: [{name: \"count\"}], interval: {start: \"2000-01-01T00:00:00Z\", end: \""
                            + java.time.Instant.parse("2100-01-01T00:00:00Z").plus(Duration.ofDays(q)) + "\"}";
                };
        return "subscription { liveKpis(dataset: \"" + LiveKpisBenchmark.DATASET + "\", " + arguments
                + ", refreshSeconds: " + refreshSeconds + ") { measure value } }";
    }

    private void run() throws InterruptedException {
        ConnectionProvider pool = ConnectionProvider.newConnection();
        HttpClient client = HttpClient.create(pool).responseTimeout(Duration.ofMinutes(30));
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; s < subscribers; s += perSocket) {
            starts.add(s);
        }
        // sockets stay open, so each is its own inner publisher; they open 2 ms apart, as arriving browsers would,
        // not in one burst
        Flux.fromIterable(starts)
                .delayElements(Duration.ofMillis(2))
                .flatMap(start -> socket(client, start, Math.min(subscribers, start + perSocket)), starts.size())
                .subscribe(null, e -> {
                    errors.incrementAndGet();
                    lastError = String.valueOf(e);
                });
        // A status line a second for the parent process to read, until the parent ends this process.
        Flux.interval(Duration.ZERO, Duration.ofSeconds(1))
                .doOnNext(tick -> {
                    System.out.printf(
                            Locale.ROOT,
                            "status sockets=%d first=%d second=%d errors=%d completed=%d last-error=%s%n",
                            sockets.get(),
                            first.get(),
                            second.get(),
                            errors.get(),
                            completed.get(),
                            lastError.replace('\n', ' '));
                    System.out.flush();
                })
                .blockLast();
    }

    /** One WebSocket carrying subscriptions {@code from} (inclusive) to {@code to} (exclusive). */
    private Mono<Void> socket(HttpClient client, int from, int to) {
        return client.websocket(WebsocketClientSpec.builder()
                        .protocols("graphql-transport-ws")
                        .maxFramePayloadLength(1 << 20)
                        .build())
                .uri(url)
                .handle((in, out) -> {
                    Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
                    outbound.tryEmitNext(write(
                            Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token))));
                    Mono<Void> receive = in.receive()
                            .asString()
                            .doOnNext(text -> receive(text, from, to, outbound))
                            .then();
                    return out.sendString(outbound.asFlux()).then().and(receive);
                })
                .then()
                .onErrorResume(e -> {
                    errors.incrementAndGet();
                    lastError = String.valueOf(e);
                    return Mono.empty();
                });
    }

    private void receive(String text, int from, int to, Sinks.Many<String> outbound) {
        JsonNode message = JSON.readTree(text);
        String type = message.path("type").asString();
        switch (type) {
            case "connection_ack" -> {
                sockets.incrementAndGet();
                for (int id = from; id < to; id++) {
                    outbound.tryEmitNext(write(Map.of(
                            "id",
                            Integer.toString(id),
                            "type",
                            "subscribe",
                            "payload",
                            Map.of("query", question(id % questions, refreshSeconds)))));
                }
            }
            case "ping" -> outbound.tryEmitNext(write(Map.of("type", "pong")));
            case "next" -> {
                int id = Integer.parseInt(message.path("id").asString());
                JsonNode payload = message.path("payload");
                if (payload.has("errors")) {
                    errors.incrementAndGet();
                    lastError = payload.path("errors").toString();
                    return;
                }
                String value = payload.path("data").path("liveKpis").toString();
                if (firstValue.compareAndSet(id, null, value)) {
                    first.incrementAndGet();
                } else if (!value.equals(firstValue.get(id)) && secondValue.compareAndSet(id, null, value)) {
                    second.incrementAndGet();
                }
            }
            case "error" -> {
                errors.incrementAndGet();
                lastError = message.path("payload").toString();
            }
            case "complete" -> completed.incrementAndGet();
            default -> {}
        }
    }

    private static String write(Map<String, Object> message) {
        return JSON.writeValueAsString(message);
    }
}
