package io.strata.schema;

import io.strata.schema.format.DeclaredType;
import io.strata.schema.value.EpochTimestampFormat;
import io.strata.schema.value.NumberSyntax;
import io.strata.schema.value.TimestampCandidates;
import io.strata.schema.value.TimestampFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Infers one column's type from the buffered sample. The rules, in order: lists are multi-value strings; a type
 * the file declares is kept; true/false (and yes/no, y/n, t/f, 0/1 with evidence) are booleans; integers named
 * like a time with epoch magnitudes, and 8-digit compact dates, are timestamps; numbers with leading zeros are
 * codes (strings); numbers, allowing {@link DetectionOptions#typeTolerance()} of stray text, are LONG or DOUBLE;
 * text every value of which parses with one timestamp format is a timestamp; the rest is STRING.
 */
final class ColumnInference {
    private final DetectionOptions options;
    private final NumberSyntax numbers;

    ColumnInference(DetectionOptions options, char decimalSeparator) {
        this.options = options;
        this.numbers = new NumberSyntax(decimalSeparator);
    }

    /** Sample values as trimmed text, null for nulls; lists stay lists. */
    List<Object> texts(List<Object> raw) {
        List<Object> out = new ArrayList<>(raw.size());
        for (Object v : raw) {
            out.add(text(v));
        }
        return out;
    }

    Object text(Object v) {
        if (v == null || v instanceof List<?>) {
            return v;
        }
        if (v instanceof Double d && d.isNaN()) {
            return null;
        }
        String s = v instanceof Instant i ? i.toString() : v.toString().trim();
        return s.isEmpty() || options.nullTokens().contains(s) ? null : s;
    }

    ColumnPlan infer(int index, String name, String druidName, List<Object> raw, DeclaredType declared) {
        List<Object> values = texts(raw);
        List<String> texts = new ArrayList<>();
        List<Long> rows = new ArrayList<>();
        boolean lists = false;
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v instanceof List<?>) {
                lists = true;
            } else if (v != null) {
                texts.add((String) v);
                rows.add(i + 1L);
            }
        }
        Plan p = override(name, druidName, texts);
        if (p == null && (lists || declared == DeclaredType.LIST)) {
            p = new Plan(ColumnType.STRING, null, null, "values are lists: a multi-value dimension", false);
            return p.toPlan(index, name, druidName, true);
        }
        if (p == null) {
            p = declared(declared);
        }
        if (p == null) {
            p = inferText(name, texts, rows);
        }
        return p.toPlan(index, name, druidName, false);
    }

    private record Plan(
            ColumnType type, TimestampFormat format, BooleanSpelling booleans, String reason, boolean rewrites) {
        ColumnPlan toPlan(int index, String name, String druidName, boolean multi) {
            return new ColumnPlan(index, name, druidName, type, format, booleans, multi, reason, rewrites);
        }
    }

    private Plan override(String name, String druidName, List<String> texts) {
        ColumnType forced = options.typeOverrides().get(name);
        if (forced == null) {
            forced = options.typeOverrides().get(druidName);
        }
        boolean isTimestampOption =
                name.equals(options.timestampColumn()) || druidName.equals(options.timestampColumn());
        if (isTimestampOption && options.timestampFormat() != null) {
            return new Plan(
                    ColumnType.TIMESTAMP,
                    TimestampFormat.forDruidFormat(options.timestampFormat(), options.locale()),
                    null,
                    "timestamp format " + options.timestampFormat() + " set by option",
                    false);
        }
        if (forced == null && isTimestampOption) {
            forced = ColumnType.TIMESTAMP;
        }
        if (forced == null) {
            return null;
        }
        String why = "type " + forced + " set by option";
        return switch (forced) {
            case TIMESTAMP -> {
                Plan detected = timestamp(texts, List.of(), null);
                yield detected != null
                        ? new Plan(ColumnType.TIMESTAMP, detected.format(), null, why + "; " + detected.reason(), false)
                        : new Plan(
                                ColumnType.TIMESTAMP,
                                TimestampFormat.forDruidFormat("auto", options.locale()),
                                null,
                                why + "; no single format reads every value, so Druid's auto format is used",
                                false);
            }
            case BOOLEAN -> new Plan(forced, null, BooleanSpelling.TRUE_FALSE, why, false);
            default -> new Plan(forced, null, null, why, false);
        };
    }

    private static Plan declared(DeclaredType declared) {
        if (declared == null) {
            return null;
        }
        String why = "declared " + declared + " in the file's schema";
        return switch (declared) {
            case LONG -> new Plan(ColumnType.LONG, null, null, why, false);
            case DOUBLE -> new Plan(ColumnType.DOUBLE, null, null, why, false);
            case BOOLEAN -> new Plan(ColumnType.BOOLEAN, null, BooleanSpelling.TRUE_FALSE, why, false);
            case TIMESTAMP -> new Plan(
                    ColumnType.TIMESTAMP, TimestampFormat.forDruidFormat("iso", Locale.ROOT), null, why, false);
            default -> null; // strings and the rest: read the values
        };
    }

    private Plan inferText(String name, List<String> texts, List<Long> rows) {
        int n = texts.size();
        if (n == 0) {
            return new Plan(ColumnType.STRING, null, null, "no values in the sample (all null or empty)", false);
        }
        NameHints hints = new NameHints(name);
        Plan bool = bool(texts, hints);
        if (bool != null) {
            return bool;
        }
        int integers = 0;
        int decimals = 0;
        int leading = 0;
        int firstText = -1;
        int firstLeading = -1;
        boolean rewrites = false;
        boolean longOnly = true;
        EpochTimestampFormat epoch = null;
        boolean epochConsistent = true;
        for (int i = 0; i < n; i++) {
            switch (numbers.classify(texts.get(i))) {
                case INTEGER -> {
                    integers++;
                    rewrites |= numbers.needsRewriting();
                    EpochTimestampFormat unit = EpochTimestampFormat.byMagnitude(numbers.longValue());
                    if (integers == 1) {
                        epoch = unit;
                    } else if (unit != epoch) {
                        epochConsistent = false;
                    }
                }
                case DECIMAL -> {
                    decimals++;
                    longOnly = false;
                    rewrites |= numbers.needsRewriting();
                }
                case LEADING_ZERO -> {
                    leading++;
                    longOnly = false;
                    if (firstLeading < 0) {
                        firstLeading = i;
                    }
                }
                case NOT_A_NUMBER -> {
                    longOnly = false;
                    if (firstText < 0) {
                        firstText = i;
                    }
                }
            }
        }
        if (longOnly && hints.time() && epoch != null && epochConsistent && !rewrites) {
            return new Plan(
                    ColumnType.TIMESTAMP,
                    epoch,
                    null,
                    "integers named like a time, all of " + epoch.druidFormat() + " magnitude (e.g. " + texts.get(0)
                            + ")",
                    false);
        }
        boolean digitsOnly = integers + leading == n;
        if (digitsOnly) {
            Plan compact = timestamp(texts, rows, "compact date");
            if (compact != null && allYearsPlausible(compact.format(), texts)) {
                return compact;
            }
        }
        if (leading > 0 && firstText < 0) {
            return new Plan(
                    ColumnType.STRING,
                    null,
                    null,
                    "numbers with leading zeros such as '" + texts.get(firstLeading) + "' (row "
                            + rows.get(firstLeading) + ") are codes: kept as text",
                    false);
        }
        int numeric = integers + decimals;
        int stray = n - numeric;
        if (numeric > 0 && stray <= Math.floor(options.typeTolerance() * n)) {
            ColumnType type = decimals > 0 ? ColumnType.DOUBLE : ColumnType.LONG;
            String what = decimals > 0 ? "numbers with decimals" : "integers";
            String why = stray == 0
                    ? "all " + n + " sampled values are " + what
                    : numeric + " of " + n + " sampled values are " + what + "; '" + texts.get(firstText) + "' (row "
                            + rows.get(firstText) + ") is reported invalid";
            if (numbers.decimalSeparator() == ',' && decimals > 0) {
                why += "; decimal comma";
            }
            return new Plan(type, null, null, why, rewrites);
        }
        Plan ts = timestamp(texts, rows, null);
        if (ts != null) {
            return ts;
        }
        String why = "text";
        if (numeric > 0 && firstText >= 0) {
            why = "text: " + numeric + " of " + n + " sampled values are numbers, but '" + texts.get(firstText)
                    + "' (row " + rows.get(firstText) + ") and " + (stray - 1) + " more are not";
        }
        return new Plan(ColumnType.STRING, null, null, why, false);
    }

    private static boolean allYearsPlausible(TimestampFormat format, List<String> texts) {
        for (String t : texts) {
            long millis = format.parseMillis(t);
            int year = Instant.ofEpochMilli(millis)
                    .atZone(java.time.ZoneOffset.UTC)
                    .getYear();
            if (year < 1900 || year > 2100) {
                return false;
            }
        }
        return true;
    }

    private Plan bool(List<String> texts, NameHints hints) {
        Set<String> lower = new HashSet<>();
        for (String t : texts) {
            lower.add(t.toLowerCase(Locale.ROOT));
            if (lower.size() > 2) {
                return null;
            }
        }
        BooleanSpelling spelling = BooleanSpelling.of(lower);
        if (spelling == null) {
            return null;
        }
        boolean both = lower.size() == 2;
        boolean enough =
                switch (spelling) {
                    case TRUE_FALSE -> true;
                    case YES_NO -> both || hints.bool() || texts.size() >= 3;
                    case Y_N, T_F -> (both && texts.size() >= 10) || hints.bool();
                    case ONE_ZERO -> hints.bool();
                };
        if (!enough) {
            return null;
        }
        String why = "all " + texts.size() + " sampled values are " + spelling.describe();
        if (spelling == BooleanSpelling.ONE_ZERO) {
            why += " and the name reads like a flag";
        }
        return new Plan(ColumnType.BOOLEAN, null, spelling, why, false);
    }

    /**
     * A timestamp format every value parses with, or null. Proposals come from the first value and from the first
     * value whose fields decide the day/month order.
     */
    Plan timestamp(List<String> texts, List<Long> rows, String kind) {
        if (texts.isEmpty()) {
            return null;
        }
        Set<String> seen = new LinkedHashSet<>();
        List<TimestampFormat> candidates = new ArrayList<>();
        for (TimestampFormat f : TimestampCandidates.of(texts.get(0), options.locale())) {
            if (seen.add(f.druidFormat())) {
                candidates.add(f);
            }
        }
        List<TimestampFormat> parsing = new ArrayList<>();
        for (TimestampFormat f : candidates) {
            boolean all = true;
            for (String t : texts) {
                if (f.parseMillis(t) == TimestampFormat.INVALID) {
                    all = false;
                    break;
                }
            }
            if (all) {
                parsing.add(f);
            }
        }
        if (parsing.isEmpty()) {
            return null;
        }
        TimestampFormat chosen = parsing.get(0);
        String why = (kind == null ? "every sampled value parses as " : "every sampled value is a " + kind + ", ")
                + chosen.druidFormat();
        List<TimestampFormat> dayFirst =
                parsing.stream().filter(f -> dayFirst(f.druidFormat())).toList();
        List<TimestampFormat> monthFirst =
                parsing.stream().filter(f -> !dayFirst(f.druidFormat())).toList();
        boolean orderMatters = candidates.stream().anyMatch(f -> dayFirst(f.druidFormat()));
        if (orderMatters && !dayFirst.isEmpty() && !monthFirst.isEmpty()) {
            chosen = options.dateOrder() == DetectionOptions.DateOrder.DAY_FIRST ? dayFirst.get(0) : monthFirst.get(0);
            TimestampFormat other = chosen == dayFirst.get(0) ? monthFirst.get(0) : dayFirst.get(0);
            why = "every sampled value parses as " + chosen.druidFormat() + "; ambiguous: no value has a day above 12, "
                    + (options.dateOrder() == DetectionOptions.DateOrder.AUTO
                            ? "so month first is assumed"
                            : "so the dateOrder option decides")
                    + " (alternative " + other.druidFormat() + ")";
        } else if (orderMatters) {
            TimestampFormat rejected = candidates.stream()
                    .filter(f -> !parsing.contains(f))
                    .findFirst()
                    .orElse(null);
            if (rejected != null) {
                for (int i = 0; i < texts.size(); i++) {
                    if (rejected.parseMillis(texts.get(i)) == TimestampFormat.INVALID) {
                        why += "; '" + texts.get(i) + "'" + (rows.isEmpty() ? "" : " (row " + rows.get(i) + ")")
                                + " rules out " + rejected.druidFormat();
                        break;
                    }
                }
            }
        }
        return new Plan(ColumnType.TIMESTAMP, chosen, null, why, false);
    }

    private static boolean dayFirst(String pattern) {
        int d = pattern.indexOf('d');
        int m = pattern.indexOf('M');
        return d >= 0 && m >= 0 && d < m && pattern.indexOf('y') > m;
    }
}
