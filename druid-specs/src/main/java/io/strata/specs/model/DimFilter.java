package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A Druid query filter, as used by {@code transformSpec.filter}. The common kinds are modelled; others are rejected
 * when read.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DimFilter.Selector.class, name = "selector"),
    @JsonSubTypes.Type(value = DimFilter.Equality.class, name = "equals"),
    @JsonSubTypes.Type(value = DimFilter.In.class, name = "in"),
    @JsonSubTypes.Type(value = DimFilter.Null.class, name = "null"),
    @JsonSubTypes.Type(value = DimFilter.And.class, name = "and"),
    @JsonSubTypes.Type(value = DimFilter.Or.class, name = "or"),
    @JsonSubTypes.Type(value = DimFilter.Not.class, name = "not"),
    @JsonSubTypes.Type(value = DimFilter.Expression.class, name = "expression")
})
public sealed interface DimFilter {

    /** {@code dimension = value}, legacy string matching; a null value matches null or empty. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Selector(String dimension, String value) implements DimFilter {
        public Selector {
            Checks.requireText(dimension, "selector filter dimension");
        }
    }

    /**
     * {@code column = matchValue} with SQL-compatible typing.
     *
     * @param matchValueType {@code STRING}, {@code LONG}, {@code DOUBLE}, ...
     */
    record Equality(String column, String matchValueType, Object matchValue) implements DimFilter {
        public Equality {
            Checks.requireText(column, "equals filter column");
            Checks.requireText(matchValueType, "equals filter [" + column + "] matchValueType");
            Checks.require(matchValue, "equals filter [" + column + "] matchValue");
        }
    }

    /** {@code dimension IN (values)}. */
    record In(String dimension, java.util.List<String> values) implements DimFilter {
        public In {
            Checks.requireText(dimension, "in filter dimension");
            values = java.util.Collections.unmodifiableList(
                    new java.util.ArrayList<>(Checks.require(values, "in filter [" + dimension + "] values")));
        }
    }

    /** {@code column IS NULL}. */
    record Null(String column) implements DimFilter {
        public Null {
            Checks.requireText(column, "null filter column");
        }
    }

    record And(java.util.List<DimFilter> fields) implements DimFilter {
        public And {
            fields = Checks.copy(Checks.require(fields, "and filter fields"), "and filter fields");
        }
    }

    record Or(java.util.List<DimFilter> fields) implements DimFilter {
        public Or {
            fields = Checks.copy(Checks.require(fields, "or filter fields"), "or filter fields");
        }
    }

    record Not(DimFilter field) implements DimFilter {
        public Not {
            Checks.require(field, "not filter field");
        }
    }

    /** Rows for which a Druid expression is true. */
    record Expression(String expression) implements DimFilter {
        public Expression {
            Checks.requireText(expression, "expression filter expression");
        }
    }
}
