package io.strata.schema;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of validating every row of a file.
 *
 * @param rows data rows read (the header is not counted)
 * @param badRows rows with at least one problem
 * @param problems the first problems found, in row order (bounded by {@link DetectionOptions#maxProblems()})
 * @param withinBudget whether {@code badRows} is within the options' error budget
 * @param verdict one sentence for people
 */
public record ValidationReport(
        long rows, long badRows, List<RowProblem> problems, boolean withinBudget, String verdict) {
    public ValidationReport {
        problems = List.copyOf(problems);
        Objects.requireNonNull(verdict, "verdict");
    }
}
