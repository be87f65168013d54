package io.strata.api.analytics;

import java.util.List;

/**
 * A filter as GraphQL's FilterInput gives it: exactly one of and/or/not, or a dimension with one condition.
 */
public record Filter(
        List<Filter> and,
        List<Filter> or,
        Filter not,
        String dimension,
        String eq,
        List<String> in,
        Double gt,
        Double gte,
        Double lt,
        Double lte,
        String like,
        Boolean isNull) {}
