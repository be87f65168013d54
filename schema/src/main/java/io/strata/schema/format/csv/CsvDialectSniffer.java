package io.strata.schema.format.csv;

import io.strata.schema.value.IsoTimestampFormat;
import io.strata.schema.value.NumberSyntax;
import io.strata.schema.value.TimestampCandidates;
import io.strata.schema.value.TimestampFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Guesses delimiter, quote, escape style and header presence from the first records of a file: the delimiter
 * that splits records into the most consistent number of fields (two or more) wins; the header is present unless
 * the first record looks like data in columns whose other values are numbers or dates.
 */
final class CsvDialectSniffer {
    private static final int MAX_RECORDS = 200;
    private static final char[] DELIMITERS = {',', '\t', ';', '|'};

    private CsvDialectSniffer() {}

    static CsvDialect sniff(String text, boolean complete, boolean tabFirst) {
        char delimiter = tabFirst ? '\t' : ',';
        double best = -1;
        int bestMode = 0;
        for (char d : tabFirst ? new char[] {'\t', ',', ';', '|'} : DELIMITERS) {
            List<List<String>> records = split(text, complete, d, '"', false);
            int[] mode = mode(records);
            double score = mode[0] >= 2 ? (double) mode[1] / records.size() : 0;
            if (score > best + 1e-9 || (Math.abs(score - best) <= 1e-9 && mode[0] > bestMode)) {
                best = score;
                bestMode = mode[0];
                delimiter = d;
            }
        }
        char quote = '"';
        if (text.indexOf('"') < 0 && text.indexOf('\'') >= 0) {
            double single = consistency(split(text, complete, delimiter, '\'', false));
            if (single > consistency(split(text, complete, delimiter, '"', false))) {
                quote = '\'';
            }
        }
        boolean backslash = false;
        if (text.contains("\\" + quote)) {
            double bs = consistency(split(text, complete, delimiter, quote, true));
            double rfc = consistency(split(text, complete, delimiter, quote, false));
            backslash = bs > rfc || (bs == rfc && !text.contains("" + quote + quote));
        }
        List<List<String>> records = split(text, complete, delimiter, quote, backslash);
        return new CsvDialect(delimiter, quote, backslash, header(records));
    }

    private static double consistency(List<List<String>> records) {
        int[] mode = mode(records);
        return records.isEmpty() ? 0 : (double) mode[1] / records.size();
    }

    /** {most frequent field count, how many records have it}. */
    private static int[] mode(List<List<String>> records) {
        Map<Integer, Integer> counts = new HashMap<>();
        int[] best = {0, 0};
        for (List<String> r : records) {
            int c = counts.merge(r.size(), 1, Integer::sum);
            if (c > best[1] || (c == best[1] && r.size() > best[0])) {
                best[0] = r.size();
                best[1] = c;
            }
        }
        return best;
    }

    static boolean header(List<List<String>> records) {
        if (records.size() < 2) {
            return true;
        }
        List<String> first = records.get(0);
        int votes = 0;
        Set<String> seen = new HashSet<>();
        for (String h : first) {
            if (!h.isBlank() && !seen.add(h.trim())) {
                votes--; // repeated names are rarer than repeated values
            }
        }
        for (int c = 0; c < first.size(); c++) {
            String head = first.get(c).trim();
            if (head.isEmpty()) {
                continue;
            }
            boolean restTyped = true;
            int restValues = 0;
            for (int r = 1; r < records.size(); r++) {
                List<String> rec = records.get(r);
                String v = c < rec.size() ? rec.get(c).trim() : "";
                if (!v.isEmpty()) {
                    restValues++;
                    if (!typed(v)) {
                        restTyped = false;
                        break;
                    }
                }
            }
            if (restTyped && restValues > 0) {
                votes += typed(head) ? -1 : 1;
            }
        }
        return votes >= 0;
    }

    private static final NumberSyntax POINT = new NumberSyntax('.');
    private static final NumberSyntax COMMA = new NumberSyntax(',');

    private static synchronized boolean typed(String v) {
        if (POINT.classify(v) != NumberSyntax.Kind.NOT_A_NUMBER
                || COMMA.classify(v) != NumberSyntax.Kind.NOT_A_NUMBER) {
            return true;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") || IsoTimestampFormat.looksIso(v)) {
            return true;
        }
        for (TimestampFormat f : TimestampCandidates.of(v, Locale.ENGLISH)) {
            if (f.parseMillis(v) != TimestampFormat.INVALID) {
                return true;
            }
        }
        return false;
    }

    /** Splits text into records, quote-aware; drops a last record cut off by the end of an incomplete prefix. */
    static List<List<String>> split(String text, boolean complete, char delim, char quote, boolean backslash) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int n = text.length();
        for (int i = 0; i < n && records.size() < MAX_RECORDS; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (backslash && c == '\\' && i + 1 < n) {
                    field.append(text.charAt(++i));
                } else if (c == quote) {
                    if (!backslash && i + 1 < n && text.charAt(i + 1) == quote) {
                        field.append(quote);
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == quote && field.length() == 0) {
                quoted = true;
            } else if (c == delim) {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                if (!(record.size() == 1 && record.get(0).isEmpty())) {
                    records.add(record);
                }
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (complete && records.size() < MAX_RECORDS && (field.length() > 0 || !record.isEmpty())) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
