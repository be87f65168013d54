package io.strata.schema;

import io.strata.schema.format.ColumnLimitException;
import io.strata.schema.format.RowSource;
import io.strata.schema.format.SourceException;
import io.strata.schema.format.Spool;
import io.strata.schema.format.arrow.ArrowRowSource;
import io.strata.schema.format.csv.CsvDialect;
import io.strata.schema.format.csv.CsvRowSource;
import io.strata.schema.format.json.JsonRowSource;
import io.strata.schema.format.parquet.ParquetRowSource;
import io.strata.schema.format.xlsx.XlsxRowSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Picks the format (magic bytes for binary formats, then the extension, then a look at the text) and opens the
 * matching reader.
 */
final class SourceOpener {
    private SourceOpener() {}

    /**
     * An opened file.
     *
     * @param normalizeBecause why Druid cannot read the original as-is, or null when it can
     */
    record Opened(
            RowSource source, FileFormat format, TextDialect dialect, List<String> sheets, String normalizeBecause) {}

    static Opened open(InputStream raw, String fileName, DetectionOptions options) {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        byte[] magic = peek(in, 8);
        Optional<FileFormat> byName = FileFormat.fromFileNameIfKnown(fileName);
        FileFormat format = byMagic(magic).orElse(null);
        if (format == null) {
            if (byName.isPresent() && isBinary(byName.get())) {
                throw new UndecodableFileException(
                        fileName,
                        "the file is named ." + byName.get().id() + " but does not start like one; is it"
                                + " truncated, or in another format?",
                        null);
            }
            refuseOtherBinaries(in, fileName);
            format = byName.orElseGet(() -> sniffText(in));
            if (format == FileFormat.JSON || format == FileFormat.JSONL) {
                format = sniffText(in) == FileFormat.JSON ? FileFormat.JSON : FileFormat.JSONL;
            }
        }
        try {
            return switch (format) {
                case CSV, TSV -> openText(in, fileName, byName.orElse(format) == FileFormat.TSV, options.maxColumns());
                case JSON, JSONL -> openJson(in, format);
                case XLSX -> {
                    XlsxRowSource source =
                            XlsxRowSource.open(spool(in, fileName, format, options), fileName, options.sheet());
                    yield new Opened(source, format, null, source.sheets(), "Druid cannot read XLSX workbooks");
                }
                case PARQUET -> new Opened(
                        ParquetRowSource.open(spool(in, fileName, format, options)),
                        format,
                        null,
                        List.of(),
                        "Druid here runs without the Parquet extension");
                case ARROW -> new Opened(
                        isArrowFile(magic)
                                ? ArrowRowSource.openFile(spool(in, fileName, format, options))
                                : ArrowRowSource.openStream(in),
                        format,
                        null,
                        List.of(),
                        "Druid cannot read Arrow IPC files");
            };
        } catch (SourceException e) {
            throw new UndecodableFileException(
                    fileName, e.getMessage() + (e.location() == null ? "" : " at " + e.location()), e);
        } catch (ColumnLimitException e) {
            throw new TooManyColumnsException(fileName, e.columns(), e.limit());
        }
    }

    private static Spool spool(InputStream in, String fileName, FileFormat format, DetectionOptions options) {
        try {
            return Spool.copy(in, "." + format.id(), options.maxSpoolBytes());
        } catch (Spool.TooLargeException e) {
            throw new FileTooLargeException(fileName, format.id().toUpperCase(java.util.Locale.ROOT), e.limit());
        }
    }

    private static Opened openJson(InputStream in, FileFormat format) {
        JsonRowSource source = JsonRowSource.open(in, format == FileFormat.JSON);
        return new Opened(source, format, null, List.of(), null);
    }

    private static boolean isArrowFile(byte[] m) {
        return m.length >= 6 && new String(m, 0, 6, StandardCharsets.ISO_8859_1).equals("ARROW1");
    }

    private static boolean isBinary(FileFormat f) {
        return f == FileFormat.XLSX || f == FileFormat.PARQUET || f == FileFormat.ARROW;
    }

    private static Opened openText(InputStream in, String fileName, boolean tabFirst, int maxColumns) {
        CsvRowSource source = CsvRowSource.open(in, tabFirst, maxColumns);
        CsvDialect d = source.dialect();
        String charset = source.decoding().charset().name();
        TextDialect dialect = new TextDialect(
                d.delimiter(),
                d.quote(),
                d.backslashEscapes() ? '\\' : d.quote(),
                d.header(),
                charset,
                source.decoding().bomLength() > 0);
        FileFormat format = d.delimiter() == '\t' ? FileFormat.TSV : FileFormat.CSV;
        String because = null;
        if (!source.decoding().charset().equals(StandardCharsets.UTF_8)) {
            because = "the file is encoded in " + charset + "; Druid reads UTF-8";
        } else if (d.backslashEscapes()) {
            because = "quotes are escaped with backslashes, which Druid's CSV reader does not understand";
        } else if (d.quote() != '"') {
            because = "fields are quoted with " + d.quote() + ", which Druid's CSV reader does not understand";
        } else if (d.delimiter() != ',' && d.delimiter() != '\t') {
            because = "fields are separated by '" + d.delimiter() + "'; Druid's CSV reader needs commas";
        }
        return new Opened(source, format, dialect, List.of(), because);
    }

    private static byte[] peek(BufferedInputStream in, int n) {
        try {
            in.mark(n);
            byte[] b = in.readNBytes(n);
            in.reset();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<FileFormat> byMagic(byte[] m) {
        if (m.length >= 4 && m[0] == 'P' && m[1] == 'K' && m[2] == 3 && m[3] == 4) {
            return Optional.of(FileFormat.XLSX);
        }
        if (m.length >= 4 && m[0] == 'P' && m[1] == 'A' && m[2] == 'R' && m[3] == '1') {
            return Optional.of(FileFormat.PARQUET);
        }
        if (m.length >= 6 && new String(m, 0, 6, StandardCharsets.ISO_8859_1).equals("ARROW1")) {
            return Optional.of(FileFormat.ARROW);
        }
        if (m.length >= 4 && (m[0] & m[1] & m[2] & m[3] & 0xFF) == 0xFF) {
            return Optional.of(FileFormat.ARROW); // IPC stream: continuation marker
        }
        return Optional.empty();
    }

    /**
     * Refuses, with what the file looks like, content that is no data format Strata reads: known signatures
     * (images, documents, archives, executables, legacy Excel) and, for text, bytes no text file holds.
     */
    private static void refuseOtherBinaries(BufferedInputStream in, String fileName) {
        byte[] head = peek(in, 4096);
        String kind = knownBinary(head);
        if (kind != null) {
            throw new UnsupportedFormatException(
                    fileName,
                    "the file is " + kind + ", not a data file; upload CSV, TSV, JSON (Lines), XLSX, Parquet or Arrow");
        }
        boolean utf16 = head.length >= 2
                && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                        || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF));
        if (utf16) {
            return;
        }
        int control = 0;
        for (byte b : head) {
            int c = b & 0xFF;
            if (c == 0) {
                throw new UnsupportedFormatException(
                        fileName,
                        "the file holds binary data (a NUL byte in its first " + head.length + " bytes), not text in"
                                + " a format Strata reads; upload CSV, TSV, JSON (Lines), XLSX, Parquet or Arrow");
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                control++;
            }
        }
        if (head.length > 0 && control * 10 > head.length) {
            throw new UnsupportedFormatException(
                    fileName,
                    "the file holds binary data (" + control + " control characters in its first " + head.length
                            + " bytes), not text; upload CSV, TSV, JSON (Lines), XLSX, Parquet or Arrow");
        }
    }

    /** What a file with one of these well-known signatures is, or null. */
    static String knownBinary(byte[] m) {
        if (starts(m, 0x89, 'P', 'N', 'G')) {
            return "a PNG image";
        }
        if (starts(m, 0xFF, 0xD8, 0xFF)) {
            return "a JPEG image";
        }
        if (starts(m, 'G', 'I', 'F', '8')) {
            return "a GIF image";
        }
        if (starts(m, '%', 'P', 'D', 'F')) {
            return "a PDF document";
        }
        if (starts(m, 0x1F, 0x8B)) {
            return "gzip-compressed; decompress it first";
        }
        if (starts(m, 'B', 'Z', 'h')) {
            return "bzip2-compressed; decompress it first";
        }
        if (starts(m, 0x28, 0xB5, 0x2F, 0xFD)) {
            return "zstd-compressed; decompress it first";
        }
        if (starts(m, '7', 'z', 0xBC, 0xAF)) {
            return "a 7-Zip archive";
        }
        if (starts(m, 0xD0, 0xCF, 0x11, 0xE0)) {
            return "a legacy Office document (.xls/.doc); save it as .xlsx or CSV";
        }
        if (starts(m, 0x7F, 'E', 'L', 'F')) {
            return "an executable";
        }
        return null;
    }

    private static boolean starts(byte[] m, int... signature) {
        if (m.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((m[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /** JSON when the first non-blank character opens an array, JSONL for an object, else CSV. */
    private static FileFormat sniffText(BufferedInputStream in) {
        byte[] head = peek(in, 4096);
        for (int i = 0; i < head.length; i++) {
            int c = head[i] & 0xFF;
            if (c == 0xEF || c == 0xBB || c == 0xBF || Character.isWhitespace(c)) {
                continue;
            }
            return c == '[' ? FileFormat.JSON : c == '{' ? FileFormat.JSONL : FileFormat.CSV;
        }
        return FileFormat.CSV;
    }
}
