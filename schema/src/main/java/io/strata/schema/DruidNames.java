package io.strata.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Druid-safe column names: trimmed, without byte order marks or control characters, never empty (an unnamed
 * column at 1-based position N becomes {@code column_N}), never Druid's reserved {@code __time}, and unique
 * (repeats get {@code _2}, {@code _3}, ...; compared case-insensitively, as some Druid tools do).
 */
final class DruidNames {
    private final Set<String> used = new HashSet<>();

    List<String> assign(List<String> originals) {
        List<String> out = new ArrayList<>(originals.size());
        for (int i = 0; i < originals.size(); i++) {
            out.add(next(originals.get(i), i + 1));
        }
        return out;
    }

    /** The Druid name for one more column at a 1-based position. */
    String next(String original, int position) {
        String base = clean(original);
        if (base.isEmpty()) {
            base = "column_" + position;
        }
        if (base.equals("__time")) {
            base = "__time_original";
        }
        String name = base;
        for (int k = 2; !used.add(name.toLowerCase(Locale.ROOT)); k++) {
            name = base + "_" + k;
        }
        return name;
    }

    static String clean(String original) {
        if (original == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(original.length());
        for (int i = 0; i < original.length(); i++) {
            char c = original.charAt(i);
            if (c == '\uFEFF' || Character.isISOControl(c)) {
                continue;
            }
            b.append(Character.isWhitespace(c) ? ' ' : c);
        }
        return b.toString().trim();
    }
}
