package io.strata.specs.sql;

import static io.strata.specs.sql.SqlQuoting.identifier;
import static io.strata.specs.sql.SqlQuoting.literal;

import io.strata.specs.InvalidSpecException;
import io.strata.specs.model.DimFilter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a transformSpec filter as an SQL condition over the input columns. */
final class SqlFilters {

    private SqlFilters() {}

    static String render(DimFilter filter) {
        if (filter instanceof DimFilter.Selector s) {
            return s.value() == null
                    ? identifier(s.dimension()) + " IS NULL"
                    : identifier(s.dimension()) + " = " + literal(s.value());
        }
        if (filter instanceof DimFilter.Equality e) {
            return identifier(e.column()) + " = " + value(e.matchValueType(), e.matchValue());
        }
        if (filter instanceof DimFilter.In in) {
            return identifier(in.dimension()) + " IN ("
                    + in.values().stream().map(SqlQuoting::literal).collect(Collectors.joining(", ")) + ")";
        }
        if (filter instanceof DimFilter.Null n) {
            return identifier(n.column()) + " IS NULL";
        }
        if (filter instanceof DimFilter.And and) {
            return join(and.fields(), " AND ");
        }
        if (filter instanceof DimFilter.Or or) {
            return join(or.fields(), " OR ");
        }
        if (filter instanceof DimFilter.Not not) {
            return "NOT (" + render(not.field()) + ")";
        }
        throw InvalidSpecException.of(
                "filter [%s] is a Druid native expression and has no SQL rendering; write the WHERE clause by hand",
                ((DimFilter.Expression) filter).expression());
    }

    private static String join(List<DimFilter> fields, String operator) {
        return fields.stream().map(f -> "(" + render(f) + ")").collect(Collectors.joining(operator));
    }

    private static String value(String type, Object value) {
        String upper = type.toUpperCase(Locale.ROOT);
        if ((upper.equals("LONG") || upper.equals("DOUBLE") || upper.equals("FLOAT")) && value instanceof Number n) {
            return n.toString();
        }
        return literal(String.valueOf(value));
    }
}
