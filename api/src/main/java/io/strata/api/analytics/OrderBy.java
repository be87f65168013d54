package io.strata.api.analytics;

/**
 * One sort key of a table: a dimension of the table, or a measure by its label ({@code revenue}, {@code
 * SUM(sales)}).
 */
public record OrderBy(String field, SortDirection direction) {

    public OrderBy {
        direction = direction != null ? direction : SortDirection.ASC;
    }

    public enum SortDirection {
        ASC,
        DESC
    }
}
