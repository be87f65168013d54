package io.strata.schema;

import java.util.List;

/**
 * The primary timestamp chosen for Druid's {@code __time}.
 *
 * @param column the chosen column's druidName, null when the file has no usable timestamp
 * @param format its Druid {@code timestampSpec} format, null when {@code column} is null
 * @param confidence 0 (no timestamp, or a guess) to 1 (certain)
 * @param reasons why it was chosen, or why none was
 * @param alternatives druidNames of other timestamp columns that could be used instead, best first
 */
public record TimestampChoice(
        String column, String format, double confidence, List<String> reasons, List<String> alternatives) {
    public TimestampChoice {
        reasons = List.copyOf(reasons);
        alternatives = List.copyOf(alternatives);
        if ((column == null) != (format == null)) {
            throw new IllegalArgumentException("column and format must both be set or both be null");
        }
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be within [0, 1]: " + confidence);
        }
    }

    /** No timestamp column; Druid then needs a constant {@code missingValue}. */
    public static TimestampChoice none(List<String> reasons) {
        return new TimestampChoice(null, null, 0, reasons, List.of());
    }

    public boolean hasColumn() {
        return column != null;
    }
}
