package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Druid's {@code uniform} {@code granularitySpec}: time chunking ({@code segmentGranularity}), timestamp truncation
 * ({@code queryGranularity}), rollup and, for batch, the {@code intervals} to lock and (re)write.
 *
 * <p>Null fields take Druid's defaults (DAY, NONE, rollup true, intervals from the data) and are not written.
 *
 * @param type {@code uniform} or null (Druid's default); no other type is modelled
 * @param intervals ISO-8601 intervals such as {@code 2013-08-31/2013-09-01}, or null to let Druid find them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GranularitySpec(
        String type,
        Granularity segmentGranularity,
        Granularity queryGranularity,
        Boolean rollup,
        List<String> intervals) {

    public static final String UNIFORM = "uniform";

    public GranularitySpec {
        Checks.fixedType(type, UNIFORM, "granularitySpec");
        intervals = Checks.copy(intervals, "granularitySpec.intervals");
        if (intervals != null) {
            intervals.forEach(GranularitySpec::checkInterval);
        }
        if (segmentGranularity != null
                && queryGranularity != null
                && queryGranularity
                                .standard()
                                .approximateLength()
                                .compareTo(segmentGranularity.standard().approximateLength())
                        > 0) {
            throw io.strata.specs.InvalidSpecException.of(
                    "granularitySpec.queryGranularity [%s] must not be coarser than segmentGranularity [%s]",
                    queryGranularity, segmentGranularity);
        }
    }

    public static GranularitySpec uniform(
            Granularity segmentGranularity, Granularity queryGranularity, boolean rollup, List<String> intervals) {
        return new GranularitySpec(UNIFORM, segmentGranularity, queryGranularity, rollup, intervals);
    }

    public Granularity segmentGranularityOrDefault() {
        return segmentGranularity == null ? Granularity.DAY : segmentGranularity;
    }

    public Granularity queryGranularityOrDefault() {
        return queryGranularity == null ? Granularity.NONE : queryGranularity;
    }

    public boolean rollupOrDefault() {
        return rollup == null || rollup;
    }

    private static void checkInterval(String interval) {
        int slash = interval.indexOf('/');
        if (slash <= 0 || slash == interval.length() - 1 || interval.indexOf('/', slash + 1) >= 0) {
            throw io.strata.specs.InvalidSpecException.of(
                    "granularitySpec.intervals entry [%s] is not an ISO-8601 interval start/end", interval);
        }
    }
}
