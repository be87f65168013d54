package io.strata.specs.sql;

/** Druid SQL quoting: identifiers in double quotes, strings in single quotes, each doubled inside. */
public final class SqlQuoting {

    private SqlQuoting() {}

    /** {@code my "col"} becomes {@code "my ""col"""}. */
    public static String identifier(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("SQL identifier must not be empty");
        }
        if (name.chars().anyMatch(c -> c == 0)) {
            throw new IllegalArgumentException("SQL identifier must not contain NUL: " + name);
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code it's} becomes {@code 'it''s'}. */
    public static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        if (value.chars().anyMatch(c -> c == 0)) {
            throw new IllegalArgumentException("SQL string literal must not contain NUL");
        }
        return '\'' + value.replace("'", "''") + '\'';
    }
}
