package io.strata.schema.format.csv;

/**
 * How a delimited text file is written.
 *
 * @param delimiter field separator
 * @param quote quote character
 * @param backslashEscapes whether quotes inside quoted fields are escaped with a backslash instead of doubled
 * @param header whether the first record holds column names
 */
public record CsvDialect(char delimiter, char quote, boolean backslashEscapes, boolean header) {}
