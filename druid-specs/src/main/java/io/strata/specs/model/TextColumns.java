package io.strata.specs.model;

import io.strata.specs.InvalidSpecException;
import java.util.List;

/** The header rules Druid applies to {@code csv} and {@code tsv}. */
final class TextColumns {

    private TextColumns() {}

    static void check(String type, List<String> columns, Boolean findColumnsFromHeader, Integer skipHeaderRows) {
        boolean fromHeader = Boolean.TRUE.equals(findColumnsFromHeader);
        if (!fromHeader && (columns == null || columns.isEmpty())) {
            throw InvalidSpecException.of("%s inputFormat needs columns unless findColumnsFromHeader is true", type);
        }
        if (columns != null) {
            Checks.requireUnique(columns, type + " inputFormat columns");
        }
        if (skipHeaderRows != null && skipHeaderRows < 0) {
            throw InvalidSpecException.of("%s inputFormat skipHeaderRows must be >= 0, got [%d]", type, skipHeaderRows);
        }
    }
}
