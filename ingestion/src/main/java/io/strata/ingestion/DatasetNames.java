package io.strata.ingestion;

import java.util.regex.Pattern;

/** Dataset names are Druid datasource names Strata can quote safely everywhere, and URL path segments. */
public final class DatasetNames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,127}");

    private DatasetNames() {}

    /** Returns {@code name} when valid; otherwise throws, saying what a valid name looks like. */
    public static String require(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new StrataException.InvalidInput("dataset name '" + name + "' is not valid: use 1 to 128 letters, "
                    + "digits, '_' or '-', starting with a letter (for example 'sales_2024')");
        }
        return name;
    }
}
