package io.strata.schema;

import static io.strata.schema.Detect.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CsvDetectionTest {

    @Test
    void readsAPlainCsvWithTypesAndHeader() {
        DetectionResult r = Detect.text("sales.csv", "city,units,price,paid\nParis,3,9.5,true\nLyon,5,12.25,false\n");

        assertThat(r.schema().format()).isEqualTo(FileFormat.CSV);
        assertThat(r.schema().dialect().header()).isTrue();
        assertThat(r.schema().columns())
                .extracting(ColumnSchema::druidName, ColumnSchema::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("city", ColumnType.STRING),
                        org.assertj.core.groups.Tuple.tuple("units", ColumnType.LONG),
                        org.assertj.core.groups.Tuple.tuple("price", ColumnType.DOUBLE),
                        org.assertj.core.groups.Tuple.tuple("paid", ColumnType.BOOLEAN));
        assertThat(r.report().rows()).isEqualTo(2);
        assertThat(r.report().badRows()).isZero();
        assertThat(r.report().withinBudget()).isTrue();
        assertThat(r.normalizedFormat()).isNull();
        assertThat(r.sample().get(0))
                .containsEntry("units", 3L)
                .containsEntry("price", 9.5)
                .containsEntry("paid", true);
    }

    @Test
    void stripsAUtf8ByteOrderMarkFromTheFirstColumnName() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "id,name\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8);
        DetectionResult r = Detect.bytes("bom.csv", concat(bom, body), DetectionOptions.defaults());

        assertThat(r.schema().columns().get(0).name()).isEqualTo("id");
        assertThat(r.schema().dialect().bom()).isTrue();
        assertThat(r.normalizedFormat()).isNull();
    }

    @Test
    void decodesUtf16WithAByteOrderMarkAndAsksForAUtf8Copy() {
        byte[] body = "name,score\nZoë,1\nJosé,2\n".getBytes(StandardCharsets.UTF_16LE);
        DetectionResult r = Detect.bytes(
                "u16.csv", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, body), DetectionOptions.defaults());

        assertThat(r.schema().dialect().charset()).isEqualTo("UTF-16LE");
        assertThat(r.sample().get(0)).containsEntry("name", "Zoë");
        assertThat(r.normalizedFormat()).isEqualTo(FileFormat.JSONL);
    }

    @Test
    void fallsBackToLatin1WhenTheBytesAreNotUtf8() {
        byte[] latin1 = "name,city\nRen\u00e9,K\u00f6ln\n".getBytes(StandardCharsets.ISO_8859_1);
        Detect.Normalized n = Detect.normalized("latin.csv", latin1, DetectionOptions.defaults());

        assertThat(n.result().schema().dialect().charset()).isEqualTo("ISO-8859-1");
        assertThat(n.result().sample().get(0)).containsEntry("name", "René").containsEntry("city", "Köln");
        assertThat(n.jsonl()).contains("\"René\"");
    }

    @Test
    void reportsRowsWithBytesThatAreNotUtf8AfterAValidStart() {
        StringBuilder ok = new StringBuilder("name,n\n");
        for (int i = 0; i < 5000; i++) {
            ok.append("row").append(i).append(",").append(i).append('\n');
        }
        byte[] head = ok.toString().getBytes(StandardCharsets.UTF_8);
        byte[] filler = "x".repeat(70_000).getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'\n', 'b', (byte) 0xFF, 'd', ',', '1', '\n'};
        DetectionResult r = Detect.bytes(
                "mixed.csv",
                concat(concat(head, ("long," + 1 + "\n").getBytes()), concat(filler, bad)),
                DetectionOptions.defaults());

        assertThat(r.schema().dialect().charset()).isEqualTo("UTF-8");
        assertThat(r.report().problems()).anySatisfy(p -> assertThat(p.reason()).contains("not valid UTF-8"));
    }

    @Test
    void readsCrlfLineEndingsAndQuotedFieldsWithEmbeddedNewlines() {
        DetectionResult r = Detect.text("notes.csv", "id,note\r\n1,\"first line\r\nsecond, line\"\r\n2,plain\r\n");

        assertThat(r.report().rows()).isEqualTo(2);
        assertThat(r.report().badRows()).isZero();
        assertThat(r.sample().get(0)).containsEntry("note", "first line\r\nsecond, line");
    }

    @Test
    void reportsRaggedRowsWithTheirLineAndKeepsReading() {
        DetectionResult r = Detect.text("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n");

        assertThat(r.report().rows()).isEqualTo(4);
        assertThat(r.report().badRows()).isEqualTo(2);
        assertThat(r.report().problems())
                .extracting(RowProblem::row, RowProblem::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, "row has 2 fields where the header has 3 (line 3)"),
                        org.assertj.core.groups.Tuple.tuple(3L, "row has 4 fields where the header has 3 (line 4)"));
        assertThat(column(r, "c").profile().nulls()).isEqualTo(1);
    }

    @Test
    void reportsAnUnterminatedQuoteAsABadRow() {
        DetectionResult r = Detect.text("open.csv", "a,b\n1,2\n3,\"never closed\n4,5\n");

        assertThat(r.report().badRows()).isEqualTo(1);
        assertThat(r.report().problems().get(0).reason()).contains("quote");
    }

    @Test
    void sniffsSemicolonsAndADecimalCommaAndAsksForANormalizedCopy() {
        String csv = "Produkt;Preis;Menge\nApfel;1,50;3\nBirne;2,75;1\nKiwi;0,99;12\n";
        Detect.Normalized n =
                Detect.normalized("de.csv", csv.getBytes(StandardCharsets.UTF_8), DetectionOptions.defaults());
        DetectionResult r = n.result();

        assertThat(r.schema().dialect().delimiter()).isEqualTo(';');
        assertThat(column(r, "Preis").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(column(r, "Preis").reason()).contains("decimal comma");
        assertThat(r.sample().get(0)).containsEntry("Preis", 1.5);
        assertThat(r.normalizedFormat()).isEqualTo(FileFormat.JSONL);
        assertThat(n.jsonl().lines().toList())
                .hasSize(3)
                .first()
                .isEqualTo("{\"Produkt\":\"Apfel\",\"Preis\":1.5,\"Menge\":3}");
    }

    @Test
    void readsThousandsSeparatorsAndALeadingPlus() {
        DetectionResult r = Detect.text("big.csv", "name,amount,delta\na,\"1,234,567\",+5\nb,\"2,000\",-3\nc,12,+1\n");

        assertThat(column(r, "amount").type()).isEqualTo(ColumnType.LONG);
        assertThat(column(r, "delta").type()).isEqualTo(ColumnType.LONG);
        assertThat(r.sample().get(0)).containsEntry("amount", 1_234_567L).containsEntry("delta", 5L);
        assertThat(r.normalizedFormat()).isEqualTo(FileFormat.JSONL);
    }

    @Test
    void keepsNumericLookingCodesWithLeadingZerosAsText() {
        DetectionResult r = Detect.text("zip.csv", "zip,n\n00501,1\n10001,2\n02134,3\n");

        ColumnSchema zip = column(r, "zip");
        assertThat(zip.type()).isEqualTo(ColumnType.STRING);
        assertThat(zip.reason()).contains("leading zeros").contains("00501");
        assertThat(r.sample().get(0)).containsEntry("zip", "00501");
    }

    @Test
    void treatsEveryConfiguredNullTokenAsNull() {
        DetectionResult r = Detect.text("nulls.csv", "k,v\na,1\nb,NA\nc,\nd,N/A\ne,null\nf,-\ng,NaN\nh,NULL\ni,7\n");

        ColumnSchema v = column(r, "v");
        assertThat(v.type()).isEqualTo(ColumnType.LONG);
        assertThat(v.profile().nulls()).isEqualTo(7);
        assertThat(v.profile().invalid()).isZero();
    }

    @Test
    void honoursCustomNullTokens() {
        DetectionOptions options =
                DetectionOptions.builder().nullTokens(java.util.Set.of("?")).build();
        DetectionResult r = Detect.text("q.csv", "k,v\na,1\nb,?\nc,NA\n", options);

        assertThat(column(r, "v").type()).isEqualTo(ColumnType.STRING);
        assertThat(column(r, "v").profile().nulls()).isEqualTo(1);
    }

    @Test
    void typesAColumnThatIsNinetyNinePointNinePercentNumbersAsNumericAndReportsTheStray() {
        String csv = IntStream.range(0, 1000)
                .mapToObj(i -> i == 417 ? "x,oops" : "x," + i)
                .collect(Collectors.joining("\n", "k,amount\n", "\n"));
        DetectionResult r = Detect.text("mostly.csv", csv);

        ColumnSchema amount = column(r, "amount");
        assertThat(amount.type()).isEqualTo(ColumnType.LONG);
        assertThat(amount.reason()).contains("999 of 1000").contains("'oops' (row 418)");
        assertThat(amount.profile().invalid()).isEqualTo(1);
        assertThat(amount.profile().invalidSamples())
                .containsExactly(new InvalidValue(418, "oops", "is not an integer"));
        assertThat(r.report().badRows()).isEqualTo(1);
        assertThat(r.report().problems().get(0).column()).isEqualTo("amount");
        assertThat(r.report().withinBudget()).isTrue();
    }

    @Test
    void keepsAColumnWithMoreStrayTextThanTheToleranceAsText() {
        DetectionResult r = Detect.text("mixed.csv", "k,v\na,1\nb,2\nc,three\nd,4\n");

        assertThat(column(r, "v").type()).isEqualTo(ColumnType.STRING);
        assertThat(column(r, "v").reason()).contains("'three' (row 3)");
    }

    @Test
    void detectsAMissingHeaderWhenTheFirstRowLooksLikeData() {
        DetectionResult r = Detect.text("nohead.csv", "1,2.5,x\n2,3.5,y\n3,4.5,z\n");

        assertThat(r.schema().dialect().header()).isFalse();
        assertThat(r.report().rows()).isEqualTo(3);
        assertThat(r.schema().columns())
                .extracting(ColumnSchema::druidName)
                .containsExactly("column_1", "column_2", "column_3");
        assertThat(column(r, "column_1").type()).isEqualTo(ColumnType.LONG);
    }

    @Test
    void readsTabSeparatedFilesAsTsv() {
        DetectionResult r = Detect.text("t.tsv", "a\tb\n1\tx, y\n2\tz\n");

        assertThat(r.schema().format()).isEqualTo(FileFormat.TSV);
        assertThat(r.schema().dialect().delimiter()).isEqualTo('\t');
        assertThat(r.sample().get(0)).containsEntry("b", "x, y");
    }

    @Test
    void understandsBackslashEscapedQuotes() {
        DetectionResult r =
                Detect.text("esc.csv", "id,quote\n1,\"she said \\\"hi\\\"\"\n2,\"plain\"\n3,\"a \\\"b\\\", c\"\n");

        assertThat(r.schema().dialect().escape()).isEqualTo('\\');
        assertThat(r.report().badRows()).isZero();
        assertThat(r.sample().get(0)).containsEntry("quote", "she said \"hi\"");
        assertThat(r.sample().get(2)).containsEntry("quote", "a \"b\", c");
        assertThat(r.normalizedFormat()).isEqualTo(FileFormat.JSONL);
    }

    @Test
    void makesColumnNamesDruidSafeAndUnique() {
        DetectionResult r = Detect.text("names.csv", " a ,a,,__time,b\n1,2,3,4,5\n");

        assertThat(r.schema().columns()).extracting(ColumnSchema::name).containsExactly(" a ", "a", "", "__time", "b");
        assertThat(r.schema().columns())
                .extracting(ColumnSchema::druidName)
                .containsExactly("a", "a_2", "column_3", "__time_original", "b");
    }

    @Test
    void detectsBooleansSpelledYesNoAndFlagsWrittenAsZeroOne() {
        DetectionResult r = Detect.text("b.csv", "answer,is_active,count\nyes,1,1\nno,0,0\nYes,1,1\n");

        assertThat(column(r, "answer").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(column(r, "is_active").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(column(r, "count").type()).isEqualTo(ColumnType.LONG);
        assertThat(r.sample().get(2)).containsEntry("answer", true);
    }

    @Test
    void keepsSingleLettersAsTextWithoutEnoughEvidenceOfBooleans() {
        DetectionResult r = Detect.text("yn.csv", "size,v\ny,1\nn,2\n");

        assertThat(column(r, "size").type()).isEqualTo(ColumnType.STRING);
    }

    @Test
    void validatesRowsBeyondTheInferenceSampleAndReportsThem() {
        String csv = IntStream.range(0, 50)
                .mapToObj(i -> i == 40 ? "bad" : Integer.toString(i))
                .collect(Collectors.joining("\n", "n\n", "\n"));
        DetectionResult r = Detect.text(
                "late.csv", csv, DetectionOptions.builder().inferenceRows(10).build());

        assertThat(column(r, "n").type()).isEqualTo(ColumnType.LONG);
        assertThat(column(r, "n").profile().invalidSamples())
                .containsExactly(new InvalidValue(41, "bad", "is not an integer"));
        assertThat(r.report().problems())
                .extracting(RowProblem::reason)
                .containsExactly("'bad' is not an integer (line 42)");
    }

    @Test
    void judgesBadRowsAgainstTheErrorBudget() {
        String csv = "a,b\n1,2\n3\n4,5\n6,7\n";
        DetectionResult strict = Detect.text(
                "s.csv", csv, DetectionOptions.builder().maxBadRows(0).build());
        DetectionResult lax = Detect.text(
                "s.csv", csv, DetectionOptions.builder().maxBadFraction(0.5).build());

        assertThat(strict.report().withinBudget()).isFalse();
        assertThat(strict.report().verdict()).startsWith("rejected: 1 of 4 rows (25.00%)");
        assertThat(lax.report().withinBudget()).isTrue();
        assertThat(lax.report().verdict()).startsWith("acceptable");
    }

    @Test
    void writesNothingToTheSinkWhenDruidCanReadTheOriginal() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DetectionResult r = SchemaDetector.create(null)
                .detect(new java.io.ByteArrayInputStream("a,b\n1,2\n".getBytes()), "plain.csv", sink);

        assertThat(r.normalizedFormat()).isNull();
        assertThat(sink.size()).isZero();
    }

    @Test
    void boundsTheSampleAndTheProblemList() {
        String csv = IntStream.range(0, 500).mapToObj(i -> i + ",x").collect(Collectors.joining("\n", "n,s,t\n", "\n"));
        DetectionResult r = Detect.text(
                "many.csv",
                csv,
                DetectionOptions.builder().sampleSize(5).maxProblems(3).build());

        assertThat(r.sample()).hasSize(5);
        assertThat(r.report().problems()).hasSize(3);
        assertThat(r.report().badRows()).isEqualTo(500);
        assertThat(r.sample().get(0)).isEqualTo(Map.of("n", 0L, "s", "x"));
    }

    @Test
    void returnsAnEmptyReportForAHeaderOnlyFile() {
        DetectionResult r = Detect.text("empty.csv", "a,b\n");

        assertThat(r.report().rows()).isZero();
        assertThat(r.report().verdict()).startsWith("empty");
        assertThat(r.schema().columns()).extracting(ColumnSchema::type).containsOnly(ColumnType.STRING);
        assertThat(r.schema().timestamp().column()).isNull();
        assertThat(List.copyOf(r.schema().timestamp().reasons())).isNotEmpty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
