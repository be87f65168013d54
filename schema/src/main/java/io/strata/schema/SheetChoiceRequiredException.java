package io.strata.schema;

import java.util.List;

/** A workbook's sheets have different headers, so the user must pick one with {@link DetectionOptions#sheet()}. */
public final class SheetChoiceRequiredException extends SchemaException {
    private final List<String> sheets;

    public SheetChoiceRequiredException(String file, List<String> sheets) {
        super(
                file,
                0,
                null,
                "the sheets " + sheets + " have different headers; choose one with the sheet option",
                null);
        this.sheets = List.copyOf(sheets);
    }

    /** The workbook's sheet names, in workbook order. */
    public List<String> sheets() {
        return sheets;
    }
}
