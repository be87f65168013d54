package io.strata.schema;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Files that are no data format at all are refused as unsupported, saying what they look like. */
class BinaryRefusalTest {

    @Test
    void aPngImageIsRefusedAsAnImageWhateverItsName() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};

        assertThatThrownBy(() -> Detect.bytes("data.csv", png, DetectionOptions.defaults()))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("data.csv")
                .hasMessageContaining("a PNG image");
    }

    @Test
    void aGzippedCsvIsRefusedWithTheAdviceToDecompressIt() {
        byte[] gzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

        assertThatThrownBy(() -> Detect.bytes("sales.csv.gz", gzip, DetectionOptions.defaults()))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("decompress it first");
    }

    @Test
    void aLegacyExcelFileIsRefusedWithTheAdviceToSaveItAsXlsx() {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

        assertThatThrownBy(() -> Detect.bytes("report.xls", ole2, DetectionOptions.defaults()))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining(".xlsx");
    }

    @Test
    void textWithNulBytesIsRefusedAsBinary() {
        byte[] data = "id,name\n1,a\u0000b\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> Detect.bytes("odd.csv", data, DetectionOptions.defaults()))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("NUL byte");
    }

    @Test
    void aUtf16FileWithItsByteOrderMarkIsStillRead() {
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        byte[] body = "id,name\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] file = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, file, 0, bom.length);
        System.arraycopy(body, 0, file, bom.length, body.length);

        org.assertj.core.api.Assertions.assertThat(Detect.bytes("utf16.csv", file, DetectionOptions.defaults())
                        .report()
                        .rows())
                .isEqualTo(2);
    }
}
