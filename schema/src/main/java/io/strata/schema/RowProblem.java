package io.strata.schema;

import java.util.Objects;

/**
 * A problem with one row.
 *
 * @param row 1-based data row number (the header is not counted); for text files see also the line in the reason
 * @param column the druidName of the column concerned, null when the problem is the row's (ragged row, bad
 *     encoding)
 * @param reason what is wrong, naming the value
 */
public record RowProblem(long row, String column, String reason) {
    public RowProblem {
        Objects.requireNonNull(reason, "reason");
    }
}
