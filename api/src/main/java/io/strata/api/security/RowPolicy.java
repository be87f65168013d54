package io.strata.api.security;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A row-level policy of a dataset: a caller sees only the rows whose {@code column} holds one of the values of the
 * token claim {@code claim} ({@code region IN claim.regions}, {@code tenant_id = claim.tenant}). Policies of a
 * dataset all apply (and-ed); admins are not restricted.
 *
 * @param createdBy the subject of the admin who set it; null before it is stored
 * @param createdAt when; null before it is stored
 */
public record RowPolicy(
        String dataset, String name, String column, ClaimPath claim, String createdBy, Instant createdAt) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    public RowPolicy {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(claim, "claim");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("policy name '" + name + "' is not valid: use 1 to 64 letters, digits, "
                    + "'_' or '-', starting with a letter");
        }
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("a row policy needs the column it filters on");
        }
    }

    /** The condition this policy imposes on {@code caller}'s queries. */
    public RowFilter.Condition condition(SecurityScope caller) {
        return new RowFilter.Condition(name, column, caller.claim(claim));
    }
}
