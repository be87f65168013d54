package io.strata.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Rows read after the inference buffer are validated from FastCSV's characters (a {@code TextRow}), rows inside it
 * from strings. With every column's type fixed by option, validating a file with a tiny inference buffer (almost
 * every row live) and with one holding the whole file (every row buffered) must give exactly the same profiles,
 * problems, sample and normalized copy: messy values, quoting, padding, null tokens, ragged rows, more distinct
 * values than the heavy hitters keep, and a Latin-1 file (which is normalized, so every value is materialized).
 */
class LiveRowsProperties {

    private static final List<String> HEADER = List.of("ts", "when", "name", "n", "x", "flag");

    @Provide
    Arbitrary<List<List<String>>> tables() {
        Arbitrary<String> ts = Arbitraries.frequencyOf(
                Tuple.of(
                        8,
                        Arbitraries.longs()
                                .between(946_684_800_000L, 1_900_000_000_000L)
                                .map(ms -> java.time.Instant.ofEpochMilli(ms).toString())),
                Tuple.of(2, Arbitraries.of("2024-01-31", "2024-01-31T10:15:30+02:00", " 2024-02-29T00:00Z ")),
                Tuple.of(1, Arbitraries.of("2024-13-01", "yesterday", "2023-02-29", "", "NA", "null")));
        Arbitrary<String> whenValue = Arbitraries.longs()
                .between(0, 2_000_000_000L)
                .map(s -> java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss")
                        .withZone(java.time.ZoneOffset.UTC)
                        .format(java.time.Instant.ofEpochSecond(s)));
        Arbitrary<String> when =
                Arbitraries.frequencyOf(Tuple.of(8, whenValue), Tuple.of(1, Arbitraries.of("", "N/A")));
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("FR", "DE", "US", "Köln", "日本", "a,b", "say \"hi\"", "two\nlines")),
                Tuple.of(4, Arbitraries.integers().between(0, 3_000).map(i -> "product-" + i)),
                Tuple.of(1, Arbitraries.of("", "  ", "NA", "-", " padded ", "\tTab")));
        Arbitrary<String> n = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(-50, 50).map(String::valueOf)),
                Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("1,234", "12.0", "1.5", "abc", "+7", "007", " 42 ", "", "null")));
        Arbitrary<String> x = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.doubles().between(-1e6, 1e6).map(String::valueOf)),
                Tuple.of(2, Arbitraries.integers().between(0, 99_999).map(c -> c / 100 + "." + c % 100)),
                Tuple.of(1, Arbitraries.of(".5", "-0.0", "1e3", "3.14159265358979323846", "1,5", "x", "NaN", "")));
        Arbitrary<String> flag = Arbitraries.of("true", "false", "TRUE", "yes", "", "maybe");
        Arbitrary<List<String>> row =
                Combinators.combine(ts, when, name, n, x, flag).as((a, b, c, d, e, f) -> List.of(a, b, c, d, e, f));
        Arbitrary<List<String>> ragged = row.map(r -> r.subList(0, 4));
        Arbitrary<List<String>> wide = row.map(r -> {
            List<String> more = new ArrayList<>(r);
            more.add("extra");
            return more;
        });
        // The first row always has a 'when': a forced TIMESTAMP column's format is read from the buffered rows, and
        // one whose buffered values are all null gets Druid's auto format (schema/README.md), so a buffer of 3 rows
        // and one of the whole file would then differ by design, not by how rows are validated.
        Arbitrary<List<String>> first = Combinators.combine(row, whenValue).as((r, w) -> {
            List<String> fixed = new ArrayList<>(r);
            fixed.set(1, w);
            return fixed;
        });
        return Combinators.combine(
                        first,
                        Arbitraries.frequencyOf(Tuple.of(40, row), Tuple.of(1, ragged), Tuple.of(1, wide))
                                .list()
                                .ofMaxSize(399))
                .as((head, rest) -> {
                    List<List<String>> table = new ArrayList<>();
                    table.add(head);
                    table.addAll(rest);
                    return table;
                });
    }

    @Property(tries = 60)
    void liveRowsValidateAsBufferedRows(@ForAll("tables") List<List<String>> rows, @ForAll boolean latin1) {
        byte[] file = csv(rows, latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);

        Detect.Normalized buffered = Detect.normalized("t.csv", file, options(100_000));
        Detect.Normalized live;
        try {
            live = Detect.normalized("t.csv", file, options(3));
        } catch (UndecodableFileException e) {
            // A quoted line break first met after the inference rows cannot be normalized any more, and Druid would
            // cut its row in two: the file is refused. Read whole, the same file is normalized for that reason.
            assertThat(e.getMessage()).contains("quoted field holds a line break");
            assertThat(buffered.result().report().verdict()).contains("quoted field holds a line break");
            return;
        }

        assertThat(outcome(live)).isEqualTo(outcome(buffered));
    }

    @Test
    void aBadByteAfterTheSniffedPrefixIsReportedForItsRowAndFieldAlike() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            rows.add(List.of("2024-01-01T00:00:00Z", "2024/01/01 00:00:00", "name" + i, "1", "1.5", "true"));
        }
        byte[] good = csv(rows, StandardCharsets.UTF_8);
        byte[] file = new byte[good.length];
        System.arraycopy(good, 0, file, 0, good.length);
        int at = indexOf(file, "name2900".getBytes(StandardCharsets.US_ASCII)) + 2; // past the 64 KiB sniffed
        file[at] = (byte) 0xFF;

        Detect.Normalized live = Detect.normalized("t.csv", file, options(3));
        Detect.Normalized buffered = Detect.normalized("t.csv", file, options(100_000));

        assertThat(live.result().report().problems())
                .anySatisfy(p -> assertThat(p.reason()).contains("not valid UTF-8 in [name] (field 3)"));
        assertThat(outcome(live)).isEqualTo(outcome(buffered));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static DetectionOptions options(int inferenceRows) {
        return DetectionOptions.defaults().toBuilder()
                .inferenceRows(inferenceRows)
                .typeOverrides(Map.of(
                        "when", ColumnType.TIMESTAMP,
                        "name", ColumnType.STRING,
                        "n", ColumnType.LONG,
                        "x", ColumnType.DOUBLE,
                        "flag", ColumnType.BOOLEAN))
                .timestamp("ts", "iso")
                .decimalSeparator('.')
                .maxProblems(10_000)
                .maxInvalidSamples(1_000)
                .build();
    }

    /** Everything a detection says except the reasons, which name how many rows types were inferred from. */
    private static List<Object> outcome(Detect.Normalized n) {
        DetectionResult r = n.result();
        List<Object> columns = new ArrayList<>();
        for (ColumnSchema c : r.schema().columns()) {
            columns.add(List.of(
                    c.name(), c.druidName(), c.type(), c.role(), String.valueOf(c.timestampFormat()), c.profile()));
        }
        return List.of(
                columns,
                r.schema().timestamp().column(),
                r.report(),
                r.sample(),
                String.valueOf(r.normalizedFormat()),
                n.jsonl());
    }

    private static byte[] csv(List<List<String>> rows, Charset charset) {
        StringBuilder b = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (List<String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String cell : row) {
                cells.add(
                        cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                                ? "\"" + cell.replace("\"", "\"\"") + "\""
                                : cell);
            }
            b.append(String.join(",", cells)).append('\n');
        }
        String text = b.toString();
        if (!charset.newEncoder().canEncode(text)) {
            text = text.replace("日本", "Nippon");
        }
        return text.getBytes(charset);
    }
}
