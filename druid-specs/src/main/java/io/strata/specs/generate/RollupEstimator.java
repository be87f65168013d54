package io.strata.specs.generate;

import io.strata.schema.ColumnSchema;
import io.strata.specs.model.Granularity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Estimates how many rows survive rollup: rows after truncating time to a granularity and grouping by all
 * dimensions, divided by rows. Two estimates are combined: the sample itself (exact for the sample, but a small
 * sample of a big file overstates the ratio) and an upper bound from the columns' distinct counts (the product of
 * dimension cardinalities times time buckets), which catches low-cardinality files. The smaller wins.
 */
final class RollupEstimator {

    /** Granularities considered for the finest resolution the timestamps carry, coarsest first. */
    private static final List<Granularity.Standard> RESOLUTIONS = List.of(
            Granularity.Standard.DAY,
            Granularity.Standard.HOUR,
            Granularity.Standard.MINUTE,
            Granularity.Standard.SECOND);

    private RollupEstimator() {}

    /** Instants of the timestamp column in the sample, in sample order; nulls and unparseable values skipped. */
    static List<Instant> times(List<Map<String, Object>> sample, ColumnSchema timestamp) {
        List<Instant> times = new ArrayList<>();
        if (timestamp == null) {
            return times;
        }
        for (Map<String, Object> row : sample) {
            Instant t = toInstant(row.get(timestamp.druidName()));
            if (t != null) {
                times.add(t);
            }
        }
        return times;
    }

    /**
     * The coarsest granularity at which every sampled time is already truncated, i.e. the finest resolution the
     * data carries; NONE when times have sub-second parts (or there are none).
     */
    static Granularity.Standard resolution(List<Instant> times) {
        if (times.isEmpty()) {
            return Granularity.Standard.NONE;
        }
        for (Granularity.Standard g : RESOLUTIONS) {
            if (times.stream().allMatch(t -> TimeBuckets.floor(t, g).equals(t))) {
                return g;
            }
        }
        return Granularity.Standard.NONE;
    }

    /** Rows kept per sampled row at {@code g}: distinct (time bucket, dimension values) / sampled rows. */
    static double sampleRatio(
            List<Map<String, Object>> sample,
            ColumnSchema timestamp,
            Granularity.Standard g,
            List<ColumnSchema> dimensions) {
        if (sample.isEmpty()) {
            return 1.0;
        }
        Set<List<Object>> keys = new HashSet<>();
        for (Map<String, Object> row : sample) {
            List<Object> key = new ArrayList<>(dimensions.size() + 1);
            Object raw = timestamp == null ? null : row.get(timestamp.druidName());
            Instant t = toInstant(raw);
            // A time that is not an Instant (e.g. epoch numbers under a forced format) groups by its raw value.
            key.add(t == null ? raw : TimeBuckets.floor(t, g));
            for (ColumnSchema d : dimensions) {
                key.add(row.get(d.druidName()));
            }
            keys.add(key);
        }
        return (double) keys.size() / sample.size();
    }

    /** Upper bound of the ratio from distinct counts: min(1, buckets x product of cardinalities / rows). */
    static double cardinalityBound(long rows, long timeBuckets, List<ColumnSchema> dimensions) {
        if (rows <= 0) {
            return 1.0;
        }
        double combinations = Math.max(1, timeBuckets);
        for (ColumnSchema d : dimensions) {
            long distinct =
                    Math.max(1, d.profile().approxDistinct()) + (d.profile().nulls() > 0 ? 1 : 0);
            combinations *= distinct;
            if (combinations >= rows) {
                return 1.0;
            }
        }
        return Math.min(1.0, combinations / rows);
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
