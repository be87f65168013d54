package io.strata.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Picks the primary timestamp among TIMESTAMP columns by a score of parse rate, fill rate, name, order and span;
 * the score is the confidence. An option naming the column wins.
 */
final class TimestampChooser {
    private TimestampChooser() {}

    private record Scored(ColumnValidator column, double score, List<String> reasons) {}

    static TimestampChoice choose(List<ColumnValidator> columns, DetectionOptions options, long rows) {
        String wanted = options.timestampColumn();
        if (wanted != null) {
            for (ColumnValidator c : columns) {
                ColumnPlan p = c.plan();
                if ((p.name().equals(wanted) || p.druidName().equals(wanted)) && p.type() == ColumnType.TIMESTAMP) {
                    return new TimestampChoice(
                            p.druidName(),
                            p.timestampFormat().druidFormat(),
                            1,
                            List.of("chosen by the timestampColumn option"),
                            List.of());
                }
            }
            return TimestampChoice.none(
                    List.of("the timestampColumn option names [" + wanted + "], which is not a column of this file"));
        }
        List<Scored> scored = new ArrayList<>();
        for (ColumnValidator c : columns) {
            if (c.plan().type() == ColumnType.TIMESTAMP) {
                scored.add(score(c, rows));
            }
        }
        if (scored.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            reasons.add("no column holds timestamps in every sampled row; Druid needs a constant timestamp"
                    + " (timestampSpec missingValue) or a column chosen by option");
            for (ColumnValidator c : columns) {
                if (new NameHints(c.plan().name()).time()) {
                    reasons.add("[" + c.plan().druidName() + "] is named like a time but is "
                            + c.plan().type().name().toLowerCase(Locale.ROOT) + ": "
                            + c.plan().reason());
                }
            }
            return TimestampChoice.none(reasons);
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        Scored best = scored.get(0);
        List<String> alternatives = scored.subList(1, scored.size()).stream()
                .map(s -> s.column().plan().druidName())
                .toList();
        double confidence = Math.max(0, Math.min(1, best.score()));
        return new TimestampChoice(
                best.column().plan().druidName(),
                best.column().plan().timestampFormat().druidFormat(),
                Math.round(confidence * 100) / 100.0,
                best.reasons(),
                alternatives);
    }

    private static Scored score(ColumnValidator c, long rows) {
        List<String> reasons = new ArrayList<>();
        long valid = c.valid();
        long invalid = c.invalid();
        double parseRate = valid + invalid == 0 ? 0 : (double) valid / (valid + invalid);
        double fillRate = rows == 0 ? 0 : (double) valid / rows;
        reasons.add(String.format(
                Locale.ROOT,
                "%s: %d of %d values parse as %s (%.1f%%), %d null",
                c.plan().druidName(),
                valid,
                valid + invalid,
                c.plan().timestampFormat().druidFormat(),
                parseRate * 100,
                c.nulls()));
        double score = 0.45 * parseRate * fillRate;
        if (new NameHints(c.plan().name()).time()) {
            score += 0.2;
            reasons.add("its name reads like a time");
        }
        double ordered = c.orderedFraction();
        if (valid > 1) {
            score += 0.15 * ordered;
            reasons.add(
                    ordered >= 0.999
                            ? "values never go back in time"
                            : String.format(
                                    Locale.ROOT,
                                    "%.0f%% of values are not earlier than the one before",
                                    ordered * 100));
        }
        if (valid > 0 && c.maxLong() > c.minLong()) {
            score += 0.2;
            reasons.add("spans " + java.time.Instant.ofEpochMilli(c.minLong()) + " to "
                    + java.time.Instant.ofEpochMilli(c.maxLong()));
        } else {
            reasons.add("all values are the same instant");
        }
        return new Scored(c, score, reasons);
    }
}
