package io.strata.schema;

import java.util.List;

/**
 * The workbook's sheets have different headers, or the sheet asked for does not exist, so the user must pick one
 * of {@link #sheets()} with {@link DetectionOptions#sheet()}.
 */
public final class SheetChoiceRequiredException extends SchemaException {
    private final List<String> sheets;

    public SheetChoiceRequiredException(String file, List<String> sheets) {
        this(file, sheets, "the sheets " + sheets + " have different headers; choose one with the sheet option");
    }

    /** With a message of its own, e.g. for a sheet name that is not in the workbook. */
    public SheetChoiceRequiredException(String file, List<String> sheets, String message) {
        super(file, 0, null, message, null);
        this.sheets = List.copyOf(sheets);
    }

    /** The workbook's sheet names (with data), in workbook order. */
    public List<String> sheets() {
        return sheets;
    }
}
