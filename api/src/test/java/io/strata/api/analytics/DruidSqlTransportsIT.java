package io.strata.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.correlation.CorrelationId;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.druid.DruidSettings;
import io.strata.stack.SharedStack;
import io.strata.stack.StackEndpoints;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both Druid SQL transports against the real broker: the same statement answers the same rows, with the same value
 * types (JDBC's), whichever way it travels; a query Druid refuses is BAD_REQUEST (never its SQL); an unreachable
 * broker is UPSTREAM_UNAVAILABLE; and the query's Druid {@code sqlQueryId} carries Strata's correlation id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DruidSqlTransportsIT {

    static final String TYPED = "SELECT CAST(? AS BIGINT) + 1 AS l, CAST(? AS DOUBLE) * 2 AS d, "
            + "UPPER(CAST(? AS VARCHAR)) AS s, CAST(NULL AS VARCHAR) AS n, 1 = 1 AS b";

    HttpDruidSql http;
    AvaticaDruidSql avatica;
    DruidSettings druid;

    @BeforeAll
    void transports() {
        StackEndpoints stack = SharedStack.endpoints();
        druid = new DruidSettings(URI.create(stack.druidCoordinatorUrl()), URI.create(stack.druidBrokerUrl()), null);
        DruidSqlSettings settings = new DruidSqlSettings(null, 4, 100, Duration.ofSeconds(30));
        http = new HttpDruidSql(druid, settings, JsonMapper.builder().build(), WebClient.builder());
        avatica = new AvaticaDruidSql(druid, settings);
    }

    @AfterAll
    void close() {
        http.destroy();
        avatica.destroy();
    }

    @Test
    void bothTransportsAnswerTheSameRowsWithTheSameTypes() {
        DruidQuery query = new DruidQuery(TYPED, List.of(41L, 1.25, "fr"), Map.of());

        List<Map<String, Object>> overHttp = http.query(query).block(Duration.ofSeconds(30));
        List<Map<String, Object>> overJdbc = avatica.query(query).block(Duration.ofSeconds(30));

        assertThat(overHttp).isEqualTo(overJdbc);
        Map<String, Object> row = overHttp.get(0);
        assertThat(row.get("l")).isEqualTo(42L);
        assertThat(row.get("d")).isEqualTo(2.5);
        assertThat(row.get("s")).isEqualTo("FR");
        assertThat(row).containsEntry("n", null);
        assertThat(row.get("b")).isEqualTo(true);
        assertThat(overHttp.get(0).keySet()).containsExactly("l", "d", "s", "n", "b");
    }

    @Test
    void aQueryDruidRefusesIsABadRequestWithoutItsSql() {
        DruidQuery unknownTable = new DruidQuery("SELECT COUNT(*) FROM \"no_such_table\"", List.of(), Map.of());

        for (DruidSql transport : List.of(http, avatica)) {
            StepVerifier.create(transport.query(unknownTable))
                    .expectErrorSatisfies(e -> assertThat(e)
                            .isInstanceOf(StrataException.InvalidInput.class)
                            .hasMessageContaining("Druid cannot run this query")
                            .hasMessageNotContaining("no_such_table"))
                    .verify(Duration.ofSeconds(30));
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerIsUpstreamUnavailable() {
        DruidSettings nowhere = new DruidSettings(druid.coordinatorUrl(), URI.create("http://127.0.0.1:1"), null);
        HttpDruidSql unreachable = new HttpDruidSql(
                nowhere,
                new DruidSqlSettings(null, 1, 1, Duration.ofSeconds(5)),
                JsonMapper.builder().build(),
                WebClient.builder());
        try {
            StepVerifier.create(unreachable.query(new DruidQuery("SELECT 1", List.of(), Map.of())))
                    .expectError(StrataException.UpstreamUnavailable.class)
                    .verify(Duration.ofSeconds(30));
        } finally {
            unreachable.destroy();
        }
    }

    @Test
    void theQueryCarriesTheCorrelationIdAsItsSqlQueryId() {
        // The id Strata gives the query (and names in every error) is built from the caller's correlation id.
        DruidQuery refused = new DruidQuery("SELECT * FROM \"no_such_table\"", List.of(), Map.of());

        StepVerifier.create(http.query(refused).contextWrite(c -> c.put(CorrelationId.KEY, "corr-42")))
                .expectErrorSatisfies(e -> assertThat(e.getMessage()).contains("strata-corr-42-"))
                .verify(Duration.ofSeconds(30));
    }
}
