package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingestion.druid.DruidSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dataset whose Druid datasource disappears (here an operator marks its segments unused; a retention rule or a
 * kill task does the same) is reported unavailable, with why, in the list of datasets, which still answers for the
 * others; a query over it says so, naming it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatasetUnavailableIT {

    @LocalServerPort
    int port;

    @Autowired
    DruidSettings druidSettings;

    @Autowired
    JsonMapper json;

    @Test
    void aDatasetWhoseDatasourceWasDroppedIsListedAsUnavailableAndQueriesOverItSaySo() throws Exception {
        IngestionClient strata = new IngestionClient(port);
        for (String dataset : List.of("kept_sales", "dropped_sales")) {
            strata.awaitStatus(
                    (String) strata.accepted(
                                    dataset,
                                    "sales.csv",
                                    SalesFile.generate(90, 200).csv(),
                                    "")
                            .get("taskId"),
                    "SUCCEEDED");
        }
        assertThat(dataset(strata, "dropped_sales")).containsEntry("available", true);

        Overlord overlord = new Overlord(druidSettings.coordinatorUrl(), json);
        HttpResponse<String> dropped = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(overlord.uri("/druid/coordinator/v1/datasources/dropped_sales"))
                                .DELETE()
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(dropped.statusCode()).as(dropped.body()).isEqualTo(200);

        Map<String, Object> unavailable = Awaitility.await("the dataset to be reported unavailable")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> dataset(strata, "dropped_sales"), d -> Boolean.FALSE.equals(d.get("available")));
        assertThat((String) unavailable.get("unavailableReason"))
                .startsWith("dataset 'dropped_sales' is unavailable: Druid has no datasource 'dropped_sales'")
                .contains("upload its file again");
        assertThat(unavailable.get("rowCount")).isNull();
        assertThat(dataset(strata, "kept_sales"))
                .containsEntry("available", true)
                .containsEntry("rowCount", 200);

        List<ResponseError> errors = strata.graphQl
                .document("{ kpis(dataset: \"dropped_sales\", measures: [{aggregate: COUNT}]) { value } }")
                .execute()
                .returnResponse()
                .getErrors();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getMessage()).startsWith("dataset 'dropped_sales' is unavailable");
        assertThat(errors.get(0).getExtensions()).containsEntry("code", "UPSTREAM_UNAVAILABLE");
    }

    /** The dataset as the list of datasets shows it (the list answers without errors). */
    private static Map<String, Object> dataset(IngestionClient strata, String name) {
        return strata
                .graphQl
                .document("{ datasets { name available unavailableReason rowCount } }")
                .execute()
                .errors()
                .verify()
                .path("datasets")
                .entityList(IngestionClient.JSON_OBJECT)
                .get()
                .stream()
                .filter(d -> name.equals(d.get("name")))
                .findFirst()
                .orElseThrow();
    }
}
