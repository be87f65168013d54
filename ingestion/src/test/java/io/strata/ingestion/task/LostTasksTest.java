package io.strata.ingestion.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LostTasksTest {

    @Test
    void theSecondAttemptsDruidTaskIdIsTheFirstsWithItsNumber() {
        assertThat(LostTasks.nextDruidTaskId("strata_sales_1f2e", 2)).isEqualTo("strata_sales_1f2e_attempt2");
        assertThat(LostTasks.nextDruidTaskId("strata_sales_1f2e_attempt2", 3)).isEqualTo("strata_sales_1f2e_attempt3");
        assertThat(LostTasks.nextDruidTaskId("strata_my_attempts_1f2e", 2))
                .as("a dataset named like the suffix")
                .isEqualTo("strata_my_attempts_1f2e_attempt2");
    }

    @Test
    void druidsFailuresForAWorkerThatWentAwayAreToldApartFromFailuresOfTheData() {
        assertThat(
                        LostTasks.failedForLostWorker(
                                "This task disappeared on the worker where it was assigned. See overlord logs for more details."))
                .isTrue();
        assertThat(LostTasks.failedForLostWorker(
                        "The worker that this task was assigned disappeared and did not report cleanup within timeout"
                                + "[PT15M]."))
                .isTrue();
        assertThat(LostTasks.failedForLostWorker(
                        "Max parse exceptions[0] exceeded: Unable to parse row [x,y] (Path: s3://b/k, Record: 3)"))
                .isFalse();
        assertThat(LostTasks.failedForLostWorker(null)).isFalse();
    }

    @Test
    void theSegmentDigestChangesWithAnySegmentAddedOrReplaced() {
        String before = LostTasks.digest(List.of("s_2024_v1", "s_2024_v1_1"));

        assertThat(LostTasks.digest(List.of("s_2024_v1", "s_2024_v1_1"))).isEqualTo(before);
        assertThat(LostTasks.digest(List.of("s_2024_v1", "s_2024_v1_1", "s_2024_v1_2")))
                .isNotEqualTo(before);
        assertThat(LostTasks.digest(List.of("s_2024_v2"))).isNotEqualTo(before);
        assertThat(LostTasks.digest(List.of())).startsWith("0:");
    }
}
