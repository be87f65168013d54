package io.strata.schema.value;

import java.text.DateFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Proposes the timestamp formats one written value could be in. The caller keeps the candidates every value of a
 * column parses with. Month-first candidates come before day-first ones.
 */
public final class TimestampCandidates {
    private TimestampCandidates() {}

    private record Tok(char kind, String text) {
        boolean digits(int min, int max) {
            return kind == 'd' && text.length() >= min && text.length() <= max;
        }

        boolean sep(String allowed) {
            return kind == 's' && allowed.indexOf(text.charAt(0)) >= 0;
        }
    }

    /** Text formats the value may be in (not epoch numbers: those depend on the column's name). */
    public static List<TimestampFormat> of(String value, Locale locale) {
        String v = value.trim();
        if (v.isEmpty() || v.length() > 40) {
            return List.of();
        }
        if (IsoTimestampFormat.looksIso(v)) {
            return List.of(IsoTimestampFormat.ISO, IsoTimestampFormat.AUTO);
        }
        List<Tok> toks = tokenize(v);
        Set<String> patterns = new LinkedHashSet<>();
        int[] used = new int[1];
        for (String date : datePatterns(toks, locale, used)) {
            String time = timePattern(toks.subList(used[0], toks.size()));
            if (time != null) {
                patterns.add(date + time);
            }
        }
        if (toks.size() == 1 && toks.get(0).digits(8, 8)) {
            patterns.add("yyyyMMdd");
            patterns.add("MMddyyyy");
            patterns.add("ddMMyyyy");
        } else if (toks.size() == 1 && toks.get(0).digits(14, 14)) {
            patterns.add("yyyyMMddHHmmss");
        } else if (toks.size() == 1 && toks.get(0).digits(12, 12)) {
            patterns.add("yyyyMMddHHmm");
        }
        List<TimestampFormat> formats = new ArrayList<>();
        for (String p : patterns) {
            formats.add(PatternTimestampFormat.compile(p, locale));
        }
        return formats;
    }

    private static List<Tok> tokenize(String v) {
        List<Tok> toks = new ArrayList<>();
        int i = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            int j = i + 1;
            char kind;
            if (Character.isDigit(c)) {
                kind = 'd';
                while (j < v.length() && Character.isDigit(v.charAt(j))) {
                    j++;
                }
            } else if (Character.isLetter(c)) {
                kind = 'a';
                while (j < v.length() && Character.isLetter(v.charAt(j))) {
                    j++;
                }
            } else {
                kind = 's';
            }
            toks.add(new Tok(kind, v.substring(i, j)));
            i = j;
        }
        return toks;
    }

    private static String num(String letter, Tok t) {
        return t.text().length() >= 2 ? letter + letter : letter;
    }

    private static String year(Tok t) {
        return t.text().length() == 4 ? "yyyy" : "yy";
    }

    private static boolean monthName(Tok t, Locale locale) {
        if (t.kind() != 'a') {
            return false;
        }
        DateFormatSymbols symbols = DateFormatSymbols.getInstance(locale);
        String text = t.text().toLowerCase(locale);
        for (String[] names : List.of(symbols.getShortMonths(), symbols.getMonths())) {
            for (String name : names) {
                if (!name.isEmpty() && name.toLowerCase(locale).replace(".", "").equals(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String monthText(Tok t) {
        return t.text().length() > 3 ? "MMMM" : "MMM";
    }

    /** Date patterns matching the leading tokens; {@code used[0]} receives how many tokens they cover. */
    private static List<String> datePatterns(List<Tok> t, Locale locale, int[] used) {
        List<String> out = new ArrayList<>();
        int n = t.size();
        if (n >= 5 && t.get(1).sep("/-.") && t.get(3).text().equals(t.get(1).text())) {
            String s = t.get(1).text();
            if (t.get(0).digits(4, 4) && t.get(2).digits(1, 2) && t.get(4).digits(1, 2)) {
                out.add("yyyy" + s + num("M", t.get(2)) + s + num("d", t.get(4)));
            } else if (t.get(0).digits(1, 2)
                    && t.get(2).digits(1, 2)
                    && (t.get(4).digits(4, 4) || t.get(4).digits(2, 2))) {
                out.add(num("M", t.get(0)) + s + num("d", t.get(2)) + s + year(t.get(4)));
                out.add(num("d", t.get(0)) + s + num("M", t.get(2)) + s + year(t.get(4)));
            } else if (t.get(0).digits(1, 2)
                    && monthName(t.get(2), locale)
                    && (t.get(4).digits(4, 4) || t.get(4).digits(2, 2))) {
                out.add(num("d", t.get(0)) + s + monthText(t.get(2)) + s + year(t.get(4)));
            }
            used[0] = 5;
            return out;
        }
        // "Jan 1 2000", "Jan 1, 2000", "January 01 2000"
        if (n >= 5
                && monthName(t.get(0), locale)
                && t.get(1).sep(" ")
                && t.get(2).digits(1, 2)) {
            int k = 3;
            String comma = "";
            if (t.get(k).sep(",")) {
                comma = ",";
                k++;
            }
            if (k + 1 < n
                    && t.get(k).sep(" ")
                    && (t.get(k + 1).digits(4, 4) || t.get(k + 1).digits(2, 2))) {
                out.add(monthText(t.get(0)) + " " + num("d", t.get(2)) + comma + " " + year(t.get(k + 1)));
                used[0] = k + 2;
            }
            return out;
        }
        // "1 Jan 2000"
        if (n >= 5
                && t.get(0).digits(1, 2)
                && t.get(1).sep(" ")
                && monthName(t.get(2), locale)
                && t.get(3).sep(" ")
                && (t.get(4).digits(4, 4) || t.get(4).digits(2, 2))) {
            out.add(num("d", t.get(0)) + " " + monthText(t.get(2)) + " " + year(t.get(4)));
            used[0] = 5;
        }
        return out;
    }

    /** The time part after the date, "" for none, or null when the rest is not a time. */
    private static String timePattern(List<Tok> t) {
        if (t.isEmpty()) {
            return "";
        }
        if (t.size() < 4
                || !t.get(0).sep(" T")
                || !t.get(1).digits(1, 2)
                || !t.get(2).sep(":")
                || !t.get(3).digits(2, 2)) {
            return null;
        }
        String sep = t.get(0).text().equals("T") ? "'T'" : " ";
        int k = 4;
        StringBuilder p = new StringBuilder();
        String hour = t.get(1).text();
        p.append(sep).append("%H%").append(":mm");
        if (k + 1 < t.size() && t.get(k).sep(":") && t.get(k + 1).digits(2, 2)) {
            p.append(":ss");
            k += 2;
            if (k + 1 < t.size() && t.get(k).sep(".") && t.get(k + 1).digits(1, 9)) {
                p.append(".").append("S".repeat(t.get(k + 1).text().length()));
                k += 2;
            }
        }
        boolean twelve = false;
        if (k + 1 < t.size()
                && t.get(k).sep(" ")
                && t.get(k + 1).kind() == 'a'
                && (t.get(k + 1).text().equalsIgnoreCase("am")
                        || t.get(k + 1).text().equalsIgnoreCase("pm"))) {
            twelve = true;
            p.append(" a");
            k += 2;
        }
        if (k != t.size()) {
            return null;
        }
        String h = twelve ? "h" : "H";
        return p.toString().replace("%H%", hour.length() == 2 ? h + h : h);
    }
}
