package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;
import java.util.List;

/**
 * Druid's {@code tsv} input format, which despite its name takes any single-character {@code delimiter}.
 *
 * @param delimiter null for Druid's default tab
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DelimitedInputFormat(
        List<String> columns,
        String delimiter,
        String listDelimiter,
        Boolean findColumnsFromHeader,
        Integer skipHeaderRows)
        implements InputFormat {

    public DelimitedInputFormat {
        columns = Checks.copy(columns, "tsv inputFormat columns");
        TextColumns.check("tsv", columns, findColumnsFromHeader, skipHeaderRows);
        if (delimiter != null && delimiter.isEmpty()) {
            throw new InvalidSpecException("tsv inputFormat delimiter must not be empty");
        }
        if (delimiter != null && delimiter.equals(listDelimiter)) {
            throw InvalidSpecException.of(
                    "tsv inputFormat delimiter and listDelimiter must differ, both are [%s]", delimiter);
        }
    }

    /** A tab-separated file whose first row names the columns. */
    public static DelimitedInputFormat withHeader() {
        return new DelimitedInputFormat(null, null, null, true, null);
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "tsv";
    }
}
