package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Druid's {@code csv} input format.
 *
 * @param columns column names in file order; required unless {@code findColumnsFromHeader} is true
 * @param listDelimiter separator of multi-value cells; null for Druid's default ctrl-A
 * @param findColumnsFromHeader read the names from the (first non-skipped) header row
 * @param skipHeaderRows rows skipped before anything else; null for 0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CsvInputFormat(
        List<String> columns, String listDelimiter, Boolean findColumnsFromHeader, Integer skipHeaderRows)
        implements InputFormat {

    public CsvInputFormat {
        columns = Checks.copy(columns, "csv inputFormat columns");
        TextColumns.check("csv", columns, findColumnsFromHeader, skipHeaderRows);
    }

    /** A CSV file whose first row names the columns. */
    public static CsvInputFormat withHeader() {
        return new CsvInputFormat(null, null, true, null);
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "csv";
    }
}
