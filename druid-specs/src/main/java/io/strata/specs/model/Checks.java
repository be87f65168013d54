package io.strata.specs.model;

import io.strata.specs.InvalidSpecException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Constructor checks shared by the spec records; each message names the field and the value. */
final class Checks {

    private Checks() {}

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw InvalidSpecException.of("%s must not be blank", field);
        }
        return value;
    }

    static <T> T require(T value, String field) {
        if (value == null) {
            throw InvalidSpecException.of("%s is required", field);
        }
        return value;
    }

    /** Copies a nullable list; null stays null so that an absent field stays absent when written back. */
    static <T> List<T> copy(List<T> list, String field) {
        if (list == null) {
            return null;
        }
        for (T item : list) {
            if (item == null) {
                throw InvalidSpecException.of("%s must not contain null", field);
            }
        }
        return List.copyOf(list);
    }

    /** Copies a nullable map, keeping its order; null stays null. */
    static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }

    static void requireUnique(List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw InvalidSpecException.of("duplicate %s found with name [%s]", what, name);
            }
        }
    }

    static Integer positive(Integer value, String field) {
        if (value != null && value <= 0) {
            throw InvalidSpecException.of("%s must be positive, got [%d]", field, value);
        }
        return value;
    }

    static Long positive(Long value, String field) {
        if (value != null && value <= 0) {
            throw InvalidSpecException.of("%s must be positive, got [%d]", field, value);
        }
        return value;
    }

    static String fixedType(String type, String expected, String where) {
        if (type != null && !type.equals(expected)) {
            throw InvalidSpecException.of("%s type must be [%s], got [%s]", where, expected, type);
        }
        return type;
    }
}
