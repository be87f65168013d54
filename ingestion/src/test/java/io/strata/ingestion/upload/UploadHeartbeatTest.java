package io.strata.ingestion.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.ingestion.IngestionSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UploadHeartbeatTest {

    @Test
    void aStreamingUploadSignsThreeTimesPerAbandonedPeriod() {
        assertThat(UploadPipeline.heartbeat(Duration.ofSeconds(6))).isEqualTo(Duration.ofSeconds(2));
        assertThat(UploadPipeline.heartbeat(Duration.ofSeconds(21))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aStreamingUploadSignsAtLeastEveryTenSeconds() {
        assertThat(UploadPipeline.heartbeat(Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anAbandonedPeriodTooShortForThreeSignsIsRefusedByName() {
        assertThatThrownBy(() -> new IngestionSettings(
                        null, null, null, 0, null, null, Duration.ofSeconds(2), null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strata.ingestion.abandoned-after must be at least 3s")
                .hasMessageContaining("PT2S");
    }
}
