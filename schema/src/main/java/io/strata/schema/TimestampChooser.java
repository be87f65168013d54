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
    /** What a name for the event's own time adds to a column's score (and a lifecycle time's name takes off). */
    private static final double EVENT_TIME_BONUS = 0.15;

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
        List<String> reasons = new ArrayList<>(best.reasons());
        if (!alternatives.isEmpty()) {
            reasons.add("chosen over "
                    + String.join(
                            ", ", alternatives.stream().map(a -> "[" + a + "]").toList())
                    + " by the score above (parse and fill rate, name, order, span); the timestamp option chooses"
                    + " another");
        }
        return new TimestampChoice(
                best.column().plan().druidName(),
                best.column().plan().timestampFormat().druidFormat(),
                Math.round(confidence * 100) / 100.0,
                reasons,
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
        NameHints name = new NameHints(c.plan().name());
        if (name.time()) {
            score += 0.2;
            reasons.add("its name reads like a time");
        }
        // A row is about the moment its event happened: an order's time is when it was placed, not when it shipped
        // or was last updated. Those later times come after it, are often missing, and move when the row changes.
        String event = name.eventTimeWord();
        String lifecycle = name.lifecycleTimeWord();
        if (event != null && lifecycle == null) {
            score += EVENT_TIME_BONUS;
            reasons.add("its name (" + event + ") reads like the event's own time, preferred over later lifecycle"
                    + " times such as updated, shipped, closed, resolved or ended");
        } else if (lifecycle != null) {
            score -= EVENT_TIME_BONUS;
            reasons.add("its name (" + lifecycle + ") reads like a later lifecycle time, so a column for the event's"
                    + " own time (created, ordered, occurred, started) is preferred when there is one");
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
