package io.strata.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** With several timestamp columns, the event's own time is the primary timestamp, and the reasons say why. */
class EventTimePreferenceTest {

    /** Orders whose every time column is ISO, filled and ordered: only the names tell them apart. */
    private static String orders(String... timeColumns) {
        StringBuilder b = new StringBuilder("id");
        for (String c : timeColumns) {
            b.append(',').append(c);
        }
        b.append(",amount\n");
        Instant t0 = Instant.parse("2024-03-01T08:00:00Z");
        for (int i = 0; i < 200; i++) {
            b.append(i);
            for (int k = 0; k < timeColumns.length; k++) {
                b.append(',').append(t0.plusSeconds(3600L * i + 600L * k));
            }
            b.append(',').append(i * 1.5).append('\n');
        }
        return b.toString();
    }

    @Test
    void theCreationTimeIsPreferredOverLifecycleTimesWhereverItStands() {
        DetectionResult r = Detect.text("orders.csv", orders("updated_at", "shipped_at", "created_at", "closed_at"));

        assertThat(r.schema().timestamp().column()).isEqualTo("created_at");
        assertThat(String.join("; ", r.schema().timestamp().reasons()))
                .contains("its name (created) reads like the event's own time")
                .contains("chosen over [updated_at], [shipped_at], [closed_at]");
        assertThat(r.schema().timestamp().alternatives()).containsExactly("updated_at", "shipped_at", "closed_at");
    }

    @Test
    void orderedStartedAndOccurredTimesBeatUpdatedResolvedAndEndedOnes() {
        assertThat(Detect.text("a.csv", orders("ship_date", "order_date"))
                        .schema()
                        .timestamp()
                        .column())
                .isEqualTo("order_date");
        assertThat(Detect.text("b.csv", orders("ended", "started"))
                        .schema()
                        .timestamp()
                        .column())
                .isEqualTo("started");
        assertThat(Detect.text("c.csv", orders("resolvedAt", "occurredAt"))
                        .schema()
                        .timestamp()
                        .column())
                .isEqualTo("occurredAt");
    }

    @Test
    void aLifecycleTimeAloneIsStillTheTimestampAndSaysWhatItIs() {
        DetectionResult r = Detect.text("d.csv", orders("updated_at"));

        assertThat(r.schema().timestamp().column()).isEqualTo("updated_at");
        assertThat(String.join("; ", r.schema().timestamp().reasons())).contains("reads like a later lifecycle time");
    }

    @Test
    void theTimestampOptionStillChoosesALifecycleTime() {
        DetectionResult r = Detect.text(
                "e.csv",
                orders("updated_at", "created_at"),
                DetectionOptions.builder().timestamp("updated_at", null).build());

        assertThat(r.schema().timestamp().column()).isEqualTo("updated_at");
        assertThat(r.schema().timestamp().reasons()).containsExactly("chosen by the timestampColumn option");
    }
}
