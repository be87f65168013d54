package io.strata.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * liveKpis over graphql-ws on the real stack: the first value at once, and a new value pushed as soon as an
 * ingestion appending rows to the dataset succeeds (well before the hour-long refresh asked for).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveKpisIT {

    @LocalServerPort
    int port;

    @Test
    void pushesTheNewCountWhenAnIngestionIntoTheDatasetSucceeds() {
        StrataHttp strata = new StrataHttp(port);
        SalesFile first = SalesFile.generate(11, 500);
        SalesFile second = SalesFile.generate(12, 300);
        strata.ingest("live_sales", "first.csv", first.csv());

        WebSocketGraphQlTester ws = WebSocketGraphQlTester.builder(
                        URI.create("ws://localhost:" + port + "/graphql"), new ReactorNettyWebSocketClient())
                .interceptor(TestTokens.webSocket(port, "strata-viewer"))
                .build();
        Flux<Double> counts = ws.document(
                        """
                        subscription { liveKpis(dataset: "live_sales", measures: [{name: "count"}],
                                                refreshSeconds: 3600) { measure value } }
                        """)
                .executeSubscription()
                .toFlux("liveKpis", List.class)
                .map(values -> ((Number) ((Map<?, ?>) values.get(0)).get("value")).doubleValue());

        StepVerifier.create(counts)
                .expectNext((double) first.rows())
                .then(() -> strata.awaitStatus(
                        (String) strata.upload("live_sales", "second.csv", second.csv(), "append")
                                .get("taskId"),
                        "SUCCEEDED"))
                .expectNext((double) (first.rows() + second.rows()))
                .thenCancel()
                .verify(Duration.ofMinutes(4));
        ws.stop().block(Duration.ofSeconds(10));
    }
}
