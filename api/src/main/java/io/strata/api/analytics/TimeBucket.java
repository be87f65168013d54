package io.strata.api.analytics;

import java.time.Instant;
import java.util.List;

/**
 * The measures over one time bucket (and one split value, when split).
 *
 * @param time the bucket's start
 * @param split the split dimension's value, null when not split (or when the value is null)
 */
public record TimeBucket(Instant time, String split, List<KpiValue> values) {

    public TimeBucket {
        values = List.copyOf(values);
    }
}
