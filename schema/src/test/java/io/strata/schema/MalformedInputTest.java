package io.strata.schema;

import static io.strata.schema.Detect.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.schema.fixtures.MalformedFiles;
import io.strata.schema.format.LibraryMessages;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generated corpus of malformed files ({@link MalformedFiles}): each is read, or refused saying why. */
class MalformedInputTest {

    @Test
    void aCsvWiderThanTheColumnLimitIsRefusedNamingTheLimit() {
        assertThatThrownBy(
                        () -> Detect.bytes("wide.csv", MalformedFiles.wideCsv(20_000, 3), DetectionOptions.defaults()))
                .isInstanceOf(TooManyColumnsException.class)
                .hasMessageContaining("wide.csv")
                .hasMessageContaining("20000 columns")
                .hasMessageContaining("more than the 5000")
                .satisfies(
                        e -> assertThat(((TooManyColumnsException) e).limit()).isEqualTo(5000));
    }

    @Test
    void aCsvOf20000ColumnsIsReadWhenTheLimitAllowsIt() {
        DetectionResult r = Detect.bytes(
                "wide.csv",
                MalformedFiles.wideCsv(20_000, 3),
                DetectionOptions.builder().maxColumns(20_000).build());

        assertThat(r.schema().columns()).hasSize(20_000);
        assertThat(r.report().rows()).isEqualTo(3);
        assertThat(r.report().badRows()).isZero();
    }

    @Test
    void aRowWiderThanTheLimitIsABadRowWithItsWidthNotAParseFailure() {
        String csv = "a,b\n1,2\n" + "1,".repeat(30) + "1\n3,4\n";

        DetectionResult r = Detect.text(
                "ragged.csv", csv, DetectionOptions.builder().maxColumns(10).build());

        assertThat(r.report().rows()).isEqualTo(3);
        assertThat(r.report().badRows()).isEqualTo(1);
        assertThat(r.report().problems().get(0).reason()).contains("has 31 fields where the header has 2");
    }

    @Test
    void loneCarriageReturnsAmongLfAndCrlfAreNormalizedSoDruidReadsEveryRow() {
        Detect.Normalized n =
                Detect.normalized("mac.csv", MalformedFiles.mixedLineEndingsCsv(30, 0), DetectionOptions.defaults());

        assertThat(n.result().report().rows()).isEqualTo(30);
        assertThat(n.result().report().badRows()).isZero();
        assertThat(n.result().normalizedFormat()).isEqualTo(FileFormat.JSONL);
        assertThat(n.result().report().verdict()).contains("lone carriage return");
        assertThat(n.jsonl().lines()).hasSize(30);
        assertThat(n.jsonl().lines().toList().get(29)).contains("\"units\":29");
    }

    @Test
    void aLoneCarriageReturnAfterTheInferenceRowsFailsTheFileInsteadOfReachingDruid() {
        // The first lone CR past the 64 KiB the dialect is sniffed from, and past the 10 inference rows.
        byte[] file = MalformedFiles.mixedLineEndingsCsv(10_000, 5_000);

        assertThatThrownBy(() -> Detect.bytes(
                        "late.csv",
                        file,
                        DetectionOptions.builder().inferenceRows(10).build()))
                .isInstanceOf(UndecodableFileException.class)
                .hasMessageContaining("late.csv")
                .hasMessageContaining("lone carriage return")
                .hasMessageContaining("LF or CRLF");
    }

    @Test
    void aQuotedLineBreakInTheInferenceRowsIsNormalizedAndOneAfterThemFailsTheFile() {
        String early = "id,note\n1,\"two\nlines\"\n2,plain\n";
        Detect.Normalized n =
                Detect.normalized("early.csv", early.getBytes(StandardCharsets.UTF_8), DetectionOptions.defaults());
        assertThat(n.result().normalizedFormat()).isEqualTo(FileFormat.JSONL);
        assertThat(n.jsonl()).contains("two\\nlines");

        StringBuilder late = new StringBuilder("id,note\n");
        for (int i = 0; i < 20; i++) {
            late.append(i).append(",plain\n");
        }
        late.append("20,\"two\nlines\"\n");
        assertThatThrownBy(() -> Detect.text(
                        "late.csv",
                        late.toString(),
                        DetectionOptions.builder().inferenceRows(5).build()))
                .isInstanceOf(UndecodableFileException.class)
                .hasMessageContaining("quoted field holds a line break");
    }

    @Test
    void invalidUtf8IsReportedByRowAndColumnAndStoredAsReplacementCharacters() {
        DetectionResult r = Detect.bytes("cities.csv", MalformedFiles.invalidUtf8Csv(50), DetectionOptions.defaults());

        assertThat(r.schema().dialect().charset()).isEqualTo("UTF-8");
        assertThat(r.report().badRows()).isEqualTo(2);
        assertThat(r.report().problems()).extracting(RowProblem::row).containsExactly(3L, 7L);
        assertThat(r.report().problems().get(0).reason())
                .contains("not valid UTF-8 in [city] (field 2)")
                .contains("U+FFFD")
                .contains("line 4");
        assertThat(r.report().problems().get(1).reason()).contains("[city] (field 2), [note] (field 3)");
        assertThat(r.sample().get(2).get("city")).isEqualTo("Saint-\uFFFDtienne");
        assertThat(r.sample().get(0).get("city")).isEqualTo("Orléans");
    }

    @Test
    void aTextFileNamedParquetIsRefusedWithoutJavaNames() {
        assertThatThrownBy(() ->
                        Detect.bytes("data.parquet", MalformedFiles.textNamedParquet(), DetectionOptions.defaults()))
                .isInstanceOf(UndecodableFileException.class)
                .hasMessageContaining("data.parquet")
                .satisfies(
                        e -> assertThat(e.getMessage()).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z]|\\$|@[0-9a-f]"));
    }

    @Test
    void aFileStartingLikeParquetButEndingOtherwiseIsRefusedWithoutJavaNames() {
        assertThatThrownBy(() ->
                        Detect.bytes("data.parquet", MalformedFiles.truncatedParquet(), DetectionOptions.defaults()))
                .isInstanceOf(UndecodableFileException.class)
                .hasMessageContaining("does not end like one")
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("blue.strategic")
                        .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z]|\\$|@[0-9a-f]"));
    }

    @Test
    void libraryMessagesLoseTheirJavaNames() {
        assertThat(LibraryMessages.clean(
                        "blue.strategic.parquet.ParquetReader$2@5d3ab8a9 is not a Parquet file (length is too low: 4)"))
                .isEqualTo("the file is not a Parquet file (length is too low: 4)");
        assertThat(LibraryMessages.clean("java.io.EOFException: End of stream")).isEqualTo("End of stream");
        assertThat(LibraryMessages.clean("EOFException: unexpected end")).isEqualTo("unexpected end");
        assertThat(LibraryMessages.clean(null)).isEqualTo("no details");
    }

    @Test
    void anArrowFileOfTheCorpusIsRead() {
        DetectionResult r = Detect.bytes("flights.arrow", MalformedFiles.flightsArrow(20), DetectionOptions.defaults());

        assertThat(r.report().rows()).isEqualTo(20);
        assertThat(column(r, "delay").type()).isEqualTo(ColumnType.LONG);
        assertThat(r.schema().timestamp().column()).isEqualTo("departed");
    }
}
