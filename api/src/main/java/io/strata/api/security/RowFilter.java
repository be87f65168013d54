package io.strata.api.security;

import java.util.List;
import java.util.Objects;

/**
 * The rows of a dataset a caller may see: every condition must hold (a row passes when its column's value is one
 * of the condition's values). Rendered into every query over the dataset, and part of every cache and live-KPI
 * key, so answers computed under one filter are never served under another.
 *
 * <p>A condition with no values matches no row: a caller whose token lacks the claim a policy reads sees nothing.
 */
public record RowFilter(List<Condition> conditions) {

    /** No restriction: admins, and datasets without row policies. */
    public static final RowFilter NONE = new RowFilter(List.of());

    public RowFilter {
        conditions = List.copyOf(conditions);
    }

    public boolean restricts() {
        return !conditions.isEmpty();
    }

    /**
     * {@code column IN (values)}, from the policy named {@code policy}.
     *
     * @param values sorted and free of duplicates, so equal filters are equal keys
     */
    public record Condition(String policy, String column, List<String> values) {

        public Condition {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(column, "column");
            values = values.stream().distinct().sorted().toList();
        }
    }
}
