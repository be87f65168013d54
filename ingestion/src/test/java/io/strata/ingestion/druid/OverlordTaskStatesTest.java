package io.strata.ingestion.druid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The overlord's task status answers, as Druid 33 writes them, read into Strata's phases. */
class OverlordTaskStatesTest {

    final JsonMapper json = JsonMapper.builder().build();

    private DruidTaskState state(String statusCode, String runnerStatusCode, String location) {
        return OverlordTaskRunner.toState(json.readTree("{\"task\":\"t\",\"status\":{\"id\":\"t\",\"statusCode\":\""
                + statusCode + "\",\"status\":\"" + statusCode + "\",\"runnerStatusCode\":\"" + runnerStatusCode
                + "\",\"duration\":-1,\"location\":" + location + ",\"errorMsg\":null}}"));
    }

    @Test
    void aTaskAWorkerRunsIsRunningWithItsLocation() {
        DruidTaskState state = state("RUNNING", "RUNNING", "{\"host\":\"127.0.0.1\",\"port\":18104,\"tlsPort\":-1}");

        assertThat(state.phase()).isEqualTo(DruidTaskState.Phase.RUNNING);
        assertThat(state.location()).isEqualTo(new DruidTaskState.TaskLocation("127.0.0.1", 18104));
    }

    @Test
    void aTaskWaitingForAWorkerIsNotRunning() {
        for (String runner : new String[] {"PENDING", "WAITING", "NONE"}) {
            DruidTaskState state = state("RUNNING", runner, "{\"host\":null,\"port\":-1,\"tlsPort\":-1}");

            assertThat(state.phase()).as(runner).isEqualTo(DruidTaskState.Phase.WAITING);
            assertThat(state.location()).isNull();
        }
    }

    @Test
    void aFinishedTaskIsReadFromItsStatusCodeWhateverItsRunnerSays() {
        // Druid 33 answers runnerStatusCode WAITING for a task that succeeded long ago.
        assertThat(state("SUCCESS", "WAITING", "{\"host\":\"127.0.0.1\",\"port\":18104}")
                        .phase())
                .isEqualTo(DruidTaskState.Phase.SUCCESS);
        assertThat(state("FAILED", "NONE", "{}").phase()).isEqualTo(DruidTaskState.Phase.FAILED);
    }

    @Test
    void aStatusWithoutAStatusObjectIsUnknown() {
        assertThat(OverlordTaskRunner.toState(json.readTree("{\"task\":\"t\"}")).phase())
                .isEqualTo(DruidTaskState.Phase.UNKNOWN);
    }
}
