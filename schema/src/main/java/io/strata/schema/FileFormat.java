package io.strata.schema;

import java.util.Locale;
import java.util.Optional;

/** The file formats {@link SchemaDetector} reads. */
public enum FileFormat {
    CSV("csv"),
    TSV("tsv"),
    JSON("json"),
    JSONL("jsonl"),
    XLSX("xlsx"),
    PARQUET("parquet"),
    ARROW("arrow");

    private final String id;

    FileFormat(String id) {
        this.id = id;
    }

    /** The lower-case identifier used in JSON output and on the command line, e.g. {@code "csv"}. */
    public String id() {
        return id;
    }

    /**
     * The format a file name's extension names (case-insensitive; {@code .txt} counts as CSV, {@code .ndjson} as
     * JSONL, {@code .feather}/{@code .ipc} as Arrow).
     *
     * @throws UnsupportedFormatException when the extension names no supported format
     */
    public static FileFormat fromFileName(String fileName) {
        return fromFileNameIfKnown(fileName)
                .orElseThrow(() -> new UnsupportedFormatException(
                        fileName,
                        "unsupported file extension; expected one of .csv, .tsv, .json, .jsonl, .xlsx, .parquet,"
                                + " .arrow"));
    }

    /** Like {@link #fromFileName(String)}, but empty instead of throwing; never null. */
    public static Optional<FileFormat> fromFileNameIfKnown(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return Optional.ofNullable(
                switch (ext) {
                    case "csv", "txt" -> CSV;
                    case "tsv", "tab" -> TSV;
                    case "json" -> JSON;
                    case "jsonl", "ndjson" -> JSONL;
                    case "xlsx", "xlsm" -> XLSX;
                    case "parquet", "pq" -> PARQUET;
                    case "arrow", "feather", "ipc", "arrows" -> ARROW;
                    default -> null;
                });
    }
}
